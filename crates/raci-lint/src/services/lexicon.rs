//! The kinds of managed service and their terms, English and French, folded.
//! Kept as a table: one kind a block, one list a line.

use super::ServiceKind;

#[rustfmt::skip]
pub(crate) static KINDS: &[ServiceKind] = &[
    ServiceKind {
        label: "Kubernetes",
        title_terms: &["kubernetes", "kube", "k8s"],
        strong: &["kubernetes", "kubectl", "kubelet", "kubeconfig", "k8s", "etcd", "kube"],
        weak: &["cluster", "node", "noeud", "pod", "container", "conteneur", "conteneurise",
                "containerized", "namespace", "helm", "control plane", "worker"],
        related: &["block storage", "object storage", "compute instances", "OpenShift"],
    },
    ServiceKind {
        label: "container registry",
        title_terms: &["registry", "registre", "registries"],
        strong: &["registry", "registries", "registre", "harbor", "oci artifact"],
        weak: &["docker", "docker image", "helm chart", "image", "artifact", "artefact"],
        related: &["Kubernetes", "OpenShift", "object storage", "domains"],
    },
    ServiceKind {
        label: "databases",
        title_terms: &["database", "databases", "base de donnees", "bases de donnees", "dbaas"],
        strong: &["mysql", "postgresql", "postgres", "mongodb", "valkey", "redis", "kafka",
                  "cassandra", "mariadb", "m3db", "opensearch", "sql server"],
        weak: &["database", "base de donnees", "bases de donnees", "sql", "replica", "cluster"],
        related: &["web hosting", "logs platform", "compute instances", "dedicated servers"],
    },
    ServiceKind {
        label: "object storage",
        title_terms: &["object storage", "stockage objet", "s3"],
        strong: &["object storage", "stockage objet", "stockage d objets", "s3", "bucket"],
        weak: &["object", "objet", "swift"],
        related: &["block storage", "compute instances", "logs platform"],
    },
    ServiceKind {
        label: "block storage",
        title_terms: &["block storage", "stockage bloc", "stockage en mode bloc"],
        strong: &["block storage", "stockage bloc", "stockage en mode bloc"],
        weak: &["volume", "cinder", "snapshot"],
        related: &["compute instances", "object storage"],
    },
    ServiceKind {
        label: "file storage",
        title_terms: &["file storage", "nas", "stockage de fichiers", "netapp"],
        strong: &["file storage", "nas ha", "enterprise file storage", "netapp", "stockage de fichiers"],
        weak: &["nas", "nfs", "cifs", "smb", "share", "partage"],
        related: &["compute instances", "VMware private cloud", "dedicated servers"],
    },
    ServiceKind {
        label: "dedicated servers",
        title_terms: &["dedicated server", "serveur dedie", "serveurs dedies", "bare metal"],
        strong: &["dedicated server", "serveur dedie", "serveurs dedies", "bare metal", "ipmi"],
        weak: &["server", "serveur", "rescue", "kvm"],
        related: &["compute instances", "VMware private cloud", "block storage", "object storage"],
    },
    ServiceKind {
        label: "VMware private cloud",
        title_terms: &["vmware", "hosted private cloud", "private cloud", "cloud prive"],
        strong: &["vmware", "vsphere", "vcenter", "esxi", "nsx", "vsan", "hosted private cloud"],
        weak: &["private cloud", "cloud prive", "host", "hote", "datastore", "virtual machine", "vm"],
        // Hosts are dedicated servers; Tanzu runs Kubernetes on vSphere.
        related: &["compute instances", "dedicated servers", "Kubernetes", "block storage",
                   "object storage", "file storage"],
    },
    ServiceKind {
        label: "email",
        title_terms: &["exchange", "email", "e mail", "mail", "messagerie"],
        strong: &["mailbox", "boite mail", "boite de messagerie", "hosted exchange", "email pro",
                  "outlook", "owa", "activesync"],
        weak: &["email", "e mail", "mail", "exchange", "messagerie", "smtp", "imap"],
        related: &["domains", "web hosting"],
    },
    ServiceKind {
        label: "domains",
        title_terms: &["domain", "domaine", "dns"],
        strong: &["dns zone", "zone dns", "dnssec", "registrar", "whois"],
        weak: &["domain", "domaine", "domain name", "nom de domaine", "dns", "glue"],
        // Domain names are bought from registries.
        related: &["web hosting", "email", "container registry"],
    },
    ServiceKind {
        label: "web hosting",
        title_terms: &["web hosting", "hebergement web", "hosting"],
        strong: &["web hosting", "hebergement web", "wordpress", "one click module", "module en 1 clic"],
        weak: &["website", "site web", "ftp", "php", "cdn"],
        related: &["domains", "email", "databases"],
    },
    ServiceKind {
        label: "logs platform",
        title_terms: &["logs data platform", "ldp", "logs"],
        strong: &["logs data platform", "ldp", "graylog", "logstash"],
        weak: &["stream", "log", "logs", "journal", "dashboard"],
        related: &["object storage", "databases", "Kubernetes"],
    },
    ServiceKind {
        label: "compute instances",
        title_terms: &["instance", "instances", "iaas", "vm", "virtual machine", "machine virtuelle",
                       "compute"],
        strong: &["public cloud instance", "public cloud instances"],
        weak: &["instance", "vm", "virtual machine", "machine virtuelle", "hypervisor", "hyperviseur",
                "flavor"],
        related: &["block storage", "object storage", "file storage", "dedicated servers",
                   "VMware private cloud", "Kubernetes", "databases"],
    },
    ServiceKind {
        label: "OpenShift",
        title_terms: &["openshift"],
        strong: &["openshift", "red hat"],
        weak: &["operator", "operateur", "route"],
        related: &["Kubernetes", "container registry", "compute instances"],
    },
    ServiceKind {
        label: "message queue",
        title_terms: &["message queue", "messaging", "file de messages", "files de messages"],
        strong: &["message queue", "rabbitmq", "amqp", "mqtt", "file de messages", "files de messages"],
        weak: &["queue", "broker", "topic", "producer", "consumer", "kafka", "dead letter"],
        related: &["compute instances", "Kubernetes"],
    },
    ServiceKind {
        label: "LLM",
        title_terms: &["llm", "llmaas", "ai endpoints"],
        strong: &["llm", "large language model", "modele de langage", "grand modele de langage"],
        weak: &["model", "modele", "prompt", "inference", "token", "gpu"],
        related: &["compute instances", "Kubernetes"],
    },
];

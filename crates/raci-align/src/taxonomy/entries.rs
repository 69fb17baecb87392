//! The entries of the taxonomy, in lifecycle order: what is chosen before
//! subscribing, installing, access, network, monitoring and operations,
//! logs and data, backups and continuity, incidents and changes, updates and
//! security, compliance and the contract, reversibility, end of service.
//!
//! Cues are written in concept keys of the lexicon, so one entry recognises
//! its activities in every language the lexicon knows. A pattern is a list of
//! groups joined by ` + `; each group lists alternatives joined by `|`; the
//! pattern holds when every group finds one of its concepts in the activity.

use super::{Scope, TaxonomyEntry};
use Scope::{Any, Service, Workload};

const fn entry(
    id: &'static str,
    label: &'static str,
    scope: Scope,
    patterns: &'static [&'static str],
) -> TaxonomyEntry {
    TaxonomyEntry {
        id,
        label,
        scope,
        patterns,
    }
}

pub(super) static ENTRIES: &[TaxonomyEntry] = &[
    // ---- before subscription ----
    entry(
        "subscription.location",
        "Choose where the service is located",
        Any,
        &["location", "choose|decide|define + location"],
    ),
    entry(
        "subscription.offer",
        "Choose the offer, range and options",
        Any,
        &["offer", "choose|decide|subscribe|define + offer|option", "subscribe + option"],
    ),
    entry(
        "subscription.version",
        "Choose the software version to run",
        Any,
        &["choose|decide|define + version", "use + version + choose|decide"],
    ),
    entry(
        "subscription.sizing",
        "Size the service (nodes, resources)",
        Any,
        &[
            "size",
            "size + node|resource|capacity|infrastructure|service|platform|storage",
        ],
    ),
    entry(
        "subscription.project",
        "Choose the project or account the service is created in",
        Any,
        &["choose + project", "choose|create + project + service|cluster"],
    ),
    // ---- design ----
    entry(
        "design.architecture",
        "Define the overall architecture",
        Any,
        &["architecture", "define|design + architecture"],
    ),
    entry(
        "design.application",
        "Design the applications for the service (state, persistence)",
        Workload,
        &["design + application|data|project|storage"],
    ),
    entry(
        "design.scaling",
        "Define scaling and high availability",
        Any,
        &["scale", "high + availability", "define|plan + scale|availability + strategy"],
    ),
    // ---- installation ----
    entry(
        "lifecycle.install",
        "Install and deliver the service",
        Service,
        &[
            "install",
            "install + service|cluster|platform|infrastructure|software|default",
            "install + configuration",
            "install + configure|configuration + provide",
        ],
    ),
    entry(
        "lifecycle.initial-config",
        "Complete or adapt the service's configuration after delivery",
        Any,
        &[
            "configuration + initial",
            "adjust + configuration",
            "configuration + provide",
            "configure|configuration + service|cluster|platform|tenant",
            "configuration + initial + service|platform|tenant|identity|network",
        ],
    ),
    entry(
        "workload.deploy",
        "Install and run the customer's applications, containers and software",
        Workload,
        &[
            "install|deploy|start|create|develop|use + application|container|software|workload|os|image|code|pipeline|project|instance",
            "pipeline",
            "create|manage + project",
            "import|provide + data + container",
            "configure|configuration + software|os|instance",
        ],
    ),
    entry(
        "images.management",
        "Manage images, registries and catalogues",
        Any,
        &["catalog", "image", "registry", "image + registry|catalog|create|update"],
    ),
    // ---- access ----
    entry(
        "access.console",
        "Manage access to the provider's console and API",
        Any,
        &[
            "console",
            "access|permission|identity|authentication|user + console|api|control-plane",
        ],
    ),
    entry(
        "access.provider-staff",
        "Manage the provider staff's access to the infrastructure",
        Any,
        &["staff + access|permission", "staff + physical + access|permission"],
    ),
    entry(
        "access.service",
        "Manage access to the service and its resources",
        Service,
        &[
            "access|permission",
            "access|permission + define|filter|user|resource|policy|key",
            "key + access|create",
        ],
    ),
    entry(
        "access.workload",
        "Manage accounts and access inside the customer's systems",
        Workload,
        &[
            "access|account|password|key|permission",
            "access|account|password|key|permission + manage|define|create|user|policy",
        ],
    ),
    entry(
        "access.identity",
        "Set up identities and authentication (IAM, SSO)",
        Any,
        &["identity", "authentication", "identity|authentication + access|configure|configuration"],
    ),
    entry(
        "security.rbac",
        "Implement role-based access control",
        Any,
        &["rbac", "role + access|control|permission", "rbac + implement|manage"],
    ),
    // ---- network ----
    entry(
        "network.design",
        "Design the network (architecture, addressing, choice of network)",
        Any,
        &[
            "addressing",
            "network + architecture",
            "choose|define|decide|design + network",
            "plan|manage|define + addressing",
        ],
    ),
    entry(
        "network.configuration",
        "Configure the network, routes and DNS",
        Any,
        &[
            "network",
            "route",
            "dns",
            "domain",
            "configure|configuration|deploy|implement|manage|change + network|route|dns|domain",
            "connect + network + instance|resource",
        ],
    ),
    entry(
        "network.connectivity",
        "Provide and maintain connectivity (backbone, links, interconnections)",
        Any,
        &["connect", "backbone", "connect + network|backbone"],
    ),
    entry(
        "network.flows-security",
        "Filter and secure network flows (firewall, security groups)",
        Any,
        &[
            "filter",
            "firewall",
            "flow",
            "flow + security|filter",
            "security + network",
            "filter + access|network|flow",
        ],
    ),
    // ---- monitoring and operations ----
    entry(
        "monitoring.service",
        "Monitor the service (availability, performance, alerts)",
        Service,
        &["monitor", "performance", "alert", "monitor + performance|availability|alert"],
    ),
    entry(
        "monitoring.workload",
        "Monitor the customer's systems (availability, performance, alerts)",
        Workload,
        &["monitor", "performance", "alert", "monitor + performance|availability|alert"],
    ),
    entry(
        "operations.service",
        "Operate the service and keep it available",
        Service,
        &[
            "availability",
            "operation",
            "maintain + operation|availability",
            "manage|ensure + availability|operation",
        ],
    ),
    entry(
        "operations.workload",
        "Operate the customer's systems and keep them available",
        Workload,
        &[
            "availability",
            "operation",
            "maintain + operation|availability",
            "manage|ensure + availability|operation",
        ],
    ),
    entry(
        "logs.service",
        "Keep and provide the service's logs",
        Service,
        &["log", "retain|provide|monitor + log"],
    ),
    entry(
        "logs.workload",
        "Keep the logs of the customer's systems",
        Workload,
        &["log", "retain|provide|monitor + log"],
    ),
    entry(
        "data.management",
        "Manage the customer's data (content, integrity, retention)",
        Any,
        &[
            "content",
            "data + manage|retain|availability|continuity",
            "retain + policy|data",
        ],
    ),
    entry(
        "storage.management",
        "Manage storage (volumes, objects)",
        Any,
        &["storage|volume|object + manage|create|provide|configure|connect|choose"],
    ),
    // ---- backups and continuity ----
    entry(
        "backup.service",
        "Back up the service and restore it",
        Service,
        &[
            "backup",
            "snapshot",
            "restore",
            "backup|restore + configuration|service|platform|infrastructure|data",
            "backup + policy|strategy|define + service|platform|infrastructure",
        ],
    ),
    entry(
        "backup.workload-policy",
        "Define the backup policy for the customer's data",
        Workload,
        &["backup + policy|strategy|plan|define"],
    ),
    entry(
        "backup.workload",
        "Run, check and restore the backups of the customer's data",
        Workload,
        &[
            "backup",
            "snapshot",
            "restore",
            "backup|restore + data|application|information-system|container|instance|image",
        ],
    ),
    entry(
        "continuity.service",
        "Business continuity and disaster recovery of the service",
        Service,
        &["continuity", "disaster", "continuity|disaster + plan|policy|strategy"],
    ),
    entry(
        "continuity.workload",
        "Business continuity and disaster recovery of the customer's systems",
        Workload,
        &["continuity", "disaster", "continuity|disaster + plan|policy|strategy"],
    ),
    entry(
        "continuity.service-restore-test",
        "Test restoring the service",
        Service,
        &[
            "test + restore|disaster|backup|continuity|procedure",
            "test + restore|disaster|backup|continuity|procedure + service|platform|infrastructure",
        ],
    ),
    entry(
        "continuity.workload-restore-test",
        "Test restoring the customer's systems",
        Workload,
        &[
            "test + restore|disaster|backup|continuity|procedure",
            "test + restore|disaster|backup|continuity|procedure + information-system|application|data|container",
        ],
    ),
    // ---- incidents and changes ----
    entry(
        "incident.notify",
        "Report and notify incidents",
        Any,
        &["notify + incident|problem", "notify + incident + support"],
    ),
    entry(
        "incident.service",
        "Handle incidents and problems affecting the service",
        Service,
        &["incident", "problem", "resolve", "intervene", "incident|problem + manage|resolve|intervene"],
    ),
    entry(
        "incident.workload",
        "Handle incidents and problems affecting the customer's systems",
        Workload,
        &["incident", "problem", "resolve", "intervene", "incident|problem + manage|resolve|intervene"],
    ),
    entry(
        "change.request",
        "Request changes (resources, options)",
        Any,
        &[
            "request + change|resource|option|add|delete",
            "decide + add|delete|change|resource|option|update",
        ],
    ),
    entry(
        "change.apply",
        "Carry out changes to resources and options",
        Any,
        &[
            "change",
            "change|add|delete + resource|option|hardware|capacity",
            "implement|apply|perform + change",
            "apply|implement|perform + change + request",
        ],
    ),
    entry(
        "capacity.plan",
        "Plan and monitor capacity",
        Any,
        &["capacity", "plan|monitor|manage + capacity", "monitor|plan + resource"],
    ),
    entry(
        "capacity.adjust",
        "Adjust the service's resources to needs",
        Service,
        &["adjust + resource|infrastructure|capacity|node", "resource + add|delete|scale"],
    ),
    // ---- updates and security ----
    entry(
        "update.service",
        "Update and patch the service",
        Service,
        &[
            "update",
            "patch",
            "update|patch + version|deploy|provide|apply",
            "update|patch + service|platform|infrastructure|cluster|os|hypervisor",
        ],
    ),
    entry(
        "update.workload",
        "Update and patch the customer's systems",
        Workload,
        &[
            "update",
            "patch",
            "update|patch + version|deploy|provide|apply",
            "update|patch + container|application|os|software|information-system|image",
        ],
    ),
    entry(
        "update.lifecycle",
        "Retire versions at end of life (lifecycle policy)",
        Any,
        &["lifecycle + version|policy|software|os", "update + version + maintain"],
    ),
    entry(
        "security.patching",
        "Apply security patches",
        Any,
        &[
            "security + patch",
            "security + update",
            "vulnerability + patch",
            "security + patch|update + apply|deploy|provide|manage",
        ],
    ),
    entry(
        "security.encryption",
        "Encrypt data and manage the keys",
        Any,
        &["encrypt", "encrypt + data|key|storage|backup"],
    ),
    entry(
        "security.certificates",
        "Manage certificates (TLS)",
        Any,
        &["certificate", "certificate + manage|provide|apply"],
    ),
    entry(
        "security.vulnerability",
        "Scan for and handle vulnerabilities",
        Any,
        &["vulnerability", "scan", "vulnerability + scan|alert|manage"],
    ),
    entry(
        "security.risk",
        "Manage risks",
        Any,
        &["risk", "risk + manage"],
    ),
    entry(
        "security.physical",
        "Secure equipment and buildings physically",
        Any,
        &["physical + security", "physical + security + hardware|infrastructure"],
    ),
    entry(
        "security.service",
        "Keep the service secure",
        Service,
        &[
            "security",
            "malware",
            "detection",
            "security + maintain|manage|ensure|policy|configure",
        ],
    ),
    entry(
        "security.workload",
        "Secure the customer's systems",
        Workload,
        &[
            "security",
            "malware",
            "detection",
            "security + maintain|manage|ensure|policy|configure",
        ],
    ),
    // ---- compliance, documentation, support, contract ----
    entry(
        "compliance.audit",
        "Audit",
        Any,
        &["audit", "audit + perform|security"],
    ),
    entry(
        "compliance.conformity",
        "Comply with standards and regulations",
        Any,
        &["compliance", "compliance + ensure|manage|security"],
    ),
    entry(
        "documentation",
        "Write, maintain and read the documentation",
        Any,
        &[
            "documentation",
            "documentation + maintain|provide|learn",
            "learn + capability|limit",
            "capability + limit",
        ],
    ),
    entry(
        "inventory",
        "Keep the inventory of resources (CMDB, tags)",
        Any,
        &["inventory", "tag", "inventory + provide|maintain|update"],
    ),
    entry(
        "support.provider",
        "Provide support",
        Any,
        &["support", "support + provide|application|operator"],
    ),
    entry(
        "contract",
        "Follow up the contract, orders and billing",
        Any,
        &["billing", "contract", "contract + billing|monitor|manage"],
    ),
    entry(
        "licences",
        "Acquire and hold licences",
        Any,
        &["licence", "licence + purchase|manage|maintain"],
    ),
    entry(
        "hardware.operations",
        "Operate the hardware and datacentres",
        Any,
        &[
            "hardware",
            "datacenter",
            "hypervisor",
            "physical + infrastructure|server",
            "replace|maintain|provide + hardware|server|datacenter|storage",
        ],
    ),
    // ---- reversibility ----
    entry(
        "reversibility.plan",
        "Plan reversibility",
        Any,
        &["reversibility", "reversibility + plan|define|create|strategy|implement"],
    ),
    entry(
        "reversibility.migrate",
        "Export, migrate and transfer data",
        Any,
        &[
            "migrate",
            "transfer",
            "export",
            "import",
            "migrate|transfer|export|import + data|format|image|configuration",
            "reversibility + operation",
        ],
    ),
    // ---- end of service ----
    entry(
        "end.service-deletion",
        "Delete the service and its resources",
        Any,
        &["delete|destroy|decommission + service|cluster|project|resource|instance|key|account|storage"],
    ),
    entry(
        "end.config-destruction",
        "Destroy the configurations at end of service",
        Any,
        &[
            "decommission",
            "destroy|delete|decommission + configuration",
            "destroy|delete|decommission + configuration + end|terminate",
        ],
    ),
    entry(
        "end.data-destruction",
        "Destroy the customer's data at end of service",
        Any,
        &[
            "destroy",
            "destroy|delete + data|content|tag|log|object|backup",
            "destroy|delete + data|content + end|terminate",
        ],
    ),
    entry(
        "end.media-destruction",
        "Destroy storage media at end of life",
        Any,
        &["destroy + storage|hardware", "destroy + storage|hardware + lifecycle|end"],
    ),
];

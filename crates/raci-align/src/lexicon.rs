//! The multilingual domain lexicon: words of responsibility matrices in
//! English, French, German, Spanish, Italian, Polish and Portuguese mapped to
//! one English concept key, so that `sauvegarde`, `Sicherung`, `copia de
//! seguridad` and `backup` all meet at `backup`.
//!
//! Written by us from the vocabulary of the domain. Every word is *folded*
//! (lower case, accents removed, as [`raci_model::text::fold`] does), so
//! lookups take folded words. Besides single words the lexicon knows
//! multi-word expressions (`mise à jour`, `copia de seguridad`), acronyms that
//! only mean something in capitals (`IS`, `SI`, `OS`), a few inflection rules
//! for words it lists only in their base form, and German compounds whose two
//! halves it knows (`Sicherheitspatches` → `security` + `patch`).

use std::collections::HashMap;
use std::sync::LazyLock;

use raci_model::text::fold;

/// The words of one concept, per language, separated by spaces.
struct Words {
    concept: &'static str,
    en: &'static str,
    fr: &'static str,
    de: &'static str,
    es: &'static str,
    it: &'static str,
    pl: &'static str,
    pt: &'static str,
}

const NONE: Words = Words {
    concept: "",
    en: "",
    fr: "",
    de: "",
    es: "",
    it: "",
    pl: "",
    pt: "",
};

/// The English concept a folded word stands for, if the lexicon knows it:
/// the word as listed, else an inflected form of a listed word (`policies`,
/// `configured`, `Ressourcen`), else the head of a compound (`Zugriffskontrolle`
/// → `control`).
pub(crate) fn concept(word: &str) -> Option<&'static str> {
    lookup(word).or_else(|| split_compound(word).map(|(_, tail)| tail))
}

/// Every concept of `text`, in order, with multi-word expressions, acronyms
/// and compounds resolved. Words the lexicon does not know are skipped.
pub(crate) fn concepts_in(text: &str) -> Vec<&'static str> {
    let tokens: Vec<(String, Option<&'static str>)> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|token| !token.is_empty())
        .map(|token| (fold(token), acronym(token)))
        .collect();
    let mut concepts = Vec::new();
    let mut at = 0;
    while at < tokens.len() {
        if let Some(concept) = tokens[at].1 {
            concepts.push(concept);
            at += 1;
            continue;
        }
        if let Some((len, concept)) = phrase_at(&tokens[at..]) {
            concepts.push(concept);
            at += len;
            continue;
        }
        let word = tokens[at].0.as_str();
        if let Some(concept) = lookup(word) {
            concepts.push(concept);
        } else if let Some((head, tail)) = split_compound(word) {
            concepts.push(head);
            concepts.push(tail);
        }
        at += 1;
    }
    concepts
}

/// The concept of an acronym written in capitals (`IS`, `VMs`, `RBAC`).
fn acronym(token: &str) -> Option<&'static str> {
    let letters = token.strip_suffix('s').unwrap_or(token);
    if letters.len() < 2 || !letters.chars().all(|c| c.is_ascii_uppercase()) {
        return None;
    }
    ACRONYMS
        .binary_search_by(|(a, _)| a.cmp(&letters))
        .ok()
        .map(|at| ACRONYMS[at].1)
}

/// The longest multi-word expression starting at `tokens[0]`: its length in
/// words and its concept.
fn phrase_at(tokens: &[(String, Option<&'static str>)]) -> Option<(usize, &'static str)> {
    let candidates = PHRASE_INDEX.get(tokens[0].0.as_str())?;
    candidates.iter().find_map(|(words, concept)| {
        let fits = words.len() <= tokens.len()
            && words
                .iter()
                .zip(tokens)
                .all(|(word, (token, _))| word == token);
        fits.then_some((words.len(), *concept))
    })
}

/// Suffix rewrites tried, in order, on a word the lexicon does not list:
/// plurals, participles and gerunds back to a listed form.
const INFLECTIONS: &[(&str, &str)] = &[
    ("ies", "y"),
    ("ied", "y"),
    ("oes", "ao"),
    ("ns", "m"),
    ("es", ""),
    ("s", ""),
    ("x", ""),
    ("ing", ""),
    ("ing", "e"),
    ("ed", ""),
    ("ed", "e"),
    ("d", ""),
    ("en", ""),
    ("n", ""),
    ("i", "e"),
    ("i", "o"),
    ("e", "a"),
    ("e", ""),
];

/// The concept of a listed word or of an inflected form of one.
fn lookup(word: &str) -> Option<&'static str> {
    if let Some(concept) = WORDS.get(word) {
        return Some(concept);
    }
    INFLECTIONS.iter().find_map(|(suffix, replacement)| {
        let stem = word.strip_suffix(suffix)?;
        if stem.len() + replacement.len() < 4 {
            return None;
        }
        WORDS.get(format!("{stem}{replacement}").as_str()).copied()
    })
}

/// A compound made of two known words (German mostly): the concepts of its
/// modifier and of its head. Both halves are at least four letters; the
/// modifier may end in a linking `s`.
fn split_compound(word: &str) -> Option<(&'static str, &'static str)> {
    if word.len() < 8 || !word.is_ascii() {
        return None;
    }
    (4..=word.len() - 4).rev().find_map(|cut| {
        let (head, tail) = word.split_at(cut);
        let tail = lookup(tail)?;
        let head = WORDS
            .get(head)
            .or_else(|| head.strip_suffix('s').and_then(|h| WORDS.get(h)))?;
        Some((*head, tail))
    })
}

static WORDS: LazyLock<HashMap<&'static str, &'static str>> = LazyLock::new(|| {
    let mut words = HashMap::new();
    for entry in CONCEPTS {
        for list in [
            entry.en, entry.fr, entry.de, entry.es, entry.it, entry.pl, entry.pt,
        ] {
            for word in list.split_whitespace() {
                words.entry(word).or_insert(entry.concept);
            }
        }
    }
    words
});

/// A multi-word expression: its words and its concept.
type Phrase = (Vec<&'static str>, &'static str);

/// Multi-word expressions by first word, longest first.
static PHRASE_INDEX: LazyLock<HashMap<&'static str, Vec<Phrase>>> = LazyLock::new(|| {
    let mut index: HashMap<&'static str, Vec<Phrase>> = HashMap::new();
    for (phrase, concept) in PHRASES {
        let words: Vec<&'static str> = phrase.split(' ').collect();
        index.entry(words[0]).or_default().push((words, concept));
    }
    for candidates in index.values_mut() {
        candidates.sort_by_key(|(words, _)| std::cmp::Reverse(words.len()));
    }
    index
});

/// Every concept key the lexicon can give.
#[cfg(test)]
pub(crate) fn concept_keys() -> std::collections::BTreeSet<&'static str> {
    CONCEPTS
        .iter()
        .map(|w| w.concept)
        .chain(PHRASES.iter().map(|(_, c)| *c))
        .chain(ACRONYMS.iter().map(|(_, c)| *c))
        .collect()
}

/// Acronyms that only count in capitals, sorted for binary search.
const ACRONYMS: &[(&str, &str)] = &[
    ("ACL", "permission"),
    ("ANSSI", "security"),
    ("API", "api"),
    ("BCP", "continuity"),
    ("BGP", "route"),
    ("CD", "pipeline"),
    ("CI", "pipeline"),
    ("CIDR", "addressing"),
    ("CIS", "security"),
    ("CMDB", "inventory"),
    ("CPU", "resource"),
    ("CRD", "operator"),
    ("DHCP", "addressing"),
    ("DNAT", "network"),
    ("DNS", "dns"),
    ("DPA", "compliance"),
    ("DRP", "disaster"),
    ("DSGVO", "compliance"),
    ("EDR", "detection"),
    ("EOL", "lifecycle"),
    ("FQDN", "dns"),
    ("FW", "firewall"),
    ("GDPR", "compliance"),
    ("GPU", "resource"),
    ("IAM", "identity"),
    ("IDS", "firewall"),
    ("IP", "addressing"),
    ("IPAM", "addressing"),
    ("IPS", "firewall"),
    ("IS", "information-system"),
    ("ISSP", "security"),
    ("IT", "information-system"),
    ("KMS", "key"),
    ("LDAP", "authentication"),
    ("MCO", "operation"),
    ("MCS", "security"),
    ("MFA", "authentication"),
    ("NAT", "network"),
    ("OS", "os"),
    ("PCA", "continuity"),
    ("PRA", "disaster"),
    ("RAM", "resource"),
    ("RBAC", "rbac"),
    ("RDP", "access"),
    ("RGPD", "compliance"),
    ("RODO", "compliance"),
    ("SI", "information-system"),
    ("SIEM", "detection"),
    ("SLA", "availability"),
    ("SSE", "encrypt"),
    ("SSH", "access"),
    ("SSL", "certificate"),
    ("SSO", "authentication"),
    ("TLS", "certificate"),
    ("VLAN", "network"),
    ("VM", "instance"),
    ("VPN", "connect"),
    ("WAF", "firewall"),
];

/// Multi-word expressions, folded, and their concept.
const PHRASES: &[(&str, &str)] = &[
    // English
    ("back up", "backup"),
    ("backed up", "backup"),
    ("backing up", "backup"),
    ("set up", "implement"),
    ("put in place", "implement"),
    ("up to date", "update"),
    ("control plane", "control-plane"),
    ("control panel", "console"),
    ("information system", "information-system"),
    ("information systems", "information-system"),
    ("operating system", "os"),
    ("operating systems", "os"),
    ("virtual machine", "instance"),
    ("virtual machines", "instance"),
    ("data center", "datacenter"),
    ("data centers", "datacenter"),
    ("end of life", "lifecycle"),
    ("end of service", "end"),
    ("make available", "provide"),
    ("personal data", "compliance"),
    ("supports de stockage", "storage"),
    ("load balancing", "continuity"),
    ("disaster recovery", "disaster"),
    // French
    ("mise a jour", "update"),
    ("mises a jour", "update"),
    ("mettre a jour", "update"),
    ("mis a jour", "update"),
    ("mise a niveau", "update"),
    ("mises a niveau", "update"),
    ("montee de version", "update"),
    ("montees de version", "update"),
    ("mise a disposition", "provide"),
    ("mettre a disposition", "provide"),
    ("mis a disposition", "provide"),
    ("mise en oeuvre", "implement"),
    ("mettre en oeuvre", "implement"),
    ("mis en oeuvre", "implement"),
    ("mise en place", "implement"),
    ("mettre en place", "implement"),
    ("mis en place", "implement"),
    ("mise a l echelle", "scale"),
    ("systeme d information", "information-system"),
    ("systemes d information", "information-system"),
    ("systeme d exploitation", "os"),
    ("systemes d exploitation", "os"),
    ("machine virtuelle", "instance"),
    ("machines virtuelles", "instance"),
    ("espace client", "console"),
    ("reprise d activite", "disaster"),
    ("reprise apres sinistre", "disaster"),
    ("fin de vie", "lifecycle"),
    ("cycle de vie", "lifecycle"),
    ("cycle des vies", "lifecycle"),
    ("fin de service", "end"),
    ("pare feu", "firewall"),
    ("mot de passe", "password"),
    ("mots de passe", "password"),
    ("base de donnees", "database"),
    ("bases de donnees", "database"),
    ("prendre connaissance", "learn"),
    ("caractere personnel", "compliance"),
    ("charge de travail", "workload"),
    ("charges de travail", "workload"),
    // German
    ("zur verfugung stellen", "provide"),
    // Spanish
    ("copia de seguridad", "backup"),
    ("copias de seguridad", "backup"),
    ("puesta a disposicion", "provide"),
    ("puesta en marcha", "implement"),
    ("sistema de informacion", "information-system"),
    ("sistemas de informacion", "information-system"),
    ("sistema operativo", "os"),
    ("sistemas operativos", "os"),
    ("maquina virtual", "instance"),
    ("maquinas virtuales", "instance"),
    ("base de datos", "database"),
    ("bases de datos", "database"),
    ("centro de datos", "datacenter"),
    ("recuperacion ante desastres", "disaster"),
    ("centros de datos", "datacenter"),
    ("ciclo de vida", "lifecycle"),
    ("fin del servicio", "end"),
    ("carga de trabajo", "workload"),
    ("cargas de trabajo", "workload"),
    // Italian
    ("messa a disposizione", "provide"),
    ("sistema informativo", "information-system"),
    ("sistemi informativi", "information-system"),
    ("sistemi operativi", "os"),
    ("macchina virtuale", "instance"),
    ("macchine virtuali", "instance"),
    ("base di dati", "database"),
    ("ciclo di vita", "lifecycle"),
    ("fine del servizio", "end"),
    ("carico di lavoro", "workload"),
    ("carichi di lavoro", "workload"),
    // Polish
    ("kopia zapasowa", "backup"),
    ("kopii zapasowej", "backup"),
    ("kopie zapasowe", "backup"),
    ("kopii zapasowych", "backup"),
    ("kopia bezpieczenstwa", "backup"),
    ("kopii bezpieczenstwa", "backup"),
    ("kopie bezpieczenstwa", "backup"),
    ("system informatyczny", "information-system"),
    ("systemu informatycznego", "information-system"),
    ("system operacyjny", "os"),
    ("systemu operacyjnego", "os"),
    ("maszyna wirtualna", "instance"),
    ("maszyny wirtualne", "instance"),
    ("maszyn wirtualnych", "instance"),
    ("baza danych", "database"),
    ("bazy danych", "database"),
    ("centrum danych", "datacenter"),
    ("cykl zycia", "lifecycle"),
    ("koniec uslugi", "end"),
    // Portuguese
    ("copia de seguranca", "backup"),
    ("copias de seguranca", "backup"),
    ("sistema de informacao", "information-system"),
    ("sistemas de informacao", "information-system"),
    ("sistema operacional", "os"),
    ("maquinas virtuais", "instance"),
    ("base de dados", "database"),
    ("banco de dados", "database"),
    ("centro de dados", "datacenter"),
    ("fim do servico", "end"),
    ("recuperacao de desastres", "disaster"),
    ("palavra passe", "password"),
];

/// Single words, per concept and language.
const CONCEPTS: &[Words] = &[
    // ---- actions ----
    Words {
        concept: "manage",
        en: "manage manages managed managing management administer administrate administration handle handling",
        fr: "gerer gere geree geres gerees gestion administrer administration",
        de: "verwalten verwaltung verwaltet managen",
        es: "gestionar gestion gestionado gestionada administrar administracion",
        it: "gestire gestione gestito gestita amministrare amministrazione",
        pl: "zarzadzac zarzadzanie zarzadzania administrowac administracja",
        pt: "gerir gerenciar gestao gerido gerida gerenciamento",
    },
    Words {
        concept: "choose",
        en: "choose chooses chosen choosing choice select selected selection pick",
        fr: "choisir choisi choisie choix selectionner selection",
        de: "wahlen auswahlen auswahl ausgewahlt",
        es: "elegir elegido seleccionar eleccion seleccion",
        it: "scegliere scelto scelta selezionare selezione",
        pl: "wybrac wybor wybierac wyboru",
        pt: "escolher escolhido escolha selecionar selecao",
    },
    Words {
        concept: "decide",
        en: "decide decides decided decision",
        fr: "decider decide decision",
        de: "entscheiden entscheidung",
        es: "decidir decision",
        it: "decidere decisione",
        pl: "zdecydowac decydowac decyzja",
        pt: "decisao",
    },
    Words {
        concept: "install",
        en: "install installs installed installing installation",
        fr: "installer installe installee installes installees installation",
        de: "installieren installiert installation",
        es: "instalar instalado instalacion",
        it: "installare installato installazione",
        pl: "zainstalowac instalowac instalacja instalacji",
        pt: "instalado instalacao",
    },
    Words {
        concept: "configure",
        en: "configure configures configured configuring setup settings customize customise",
        fr: "configurer configure configuree parametrer parametrage personnaliser",
        de: "konfigurieren konfiguriert einrichten einrichtung",
        es: "configurar configurado",
        it: "configurare configurato",
        pl: "konfigurowac skonfigurowac",
        pt: "configurado",
    },
    Words {
        concept: "configuration",
        en: "configuration configurations config",
        fr: "configuration configurations",
        de: "konfiguration konfigurationen",
        es: "configuracion configuraciones",
        it: "configurazione configurazioni",
        pl: "konfiguracja konfiguracji",
        pt: "configuracao configuracoes",
    },
    Words {
        concept: "deploy",
        en: "deploy deploys deployed deploying deployment rollout",
        fr: "deployer deploye deployee deployes deployees deploiement",
        de: "bereitstellen bereitstellung bereitgestellt bereitgestellte ausrollen",
        es: "desplegar despliegue desplegado desplegadas",
        it: "distribuire distribuzione distribuito distribuite",
        pl: "wdrozyc wdrozenie wdrazac wdrozenia",
        pt: "implantar implantacao implantado",
    },
    Words {
        concept: "monitor",
        en: "monitor monitors monitored monitoring supervise supervision watch observe observability track tracking",
        fr: "surveiller surveillance superviser supervise supervision suivre suivi monitorer monitoring observabilite",
        de: "uberwachen uberwachung uberwacht beobachten",
        es: "supervisar monitorizar monitorear monitorizacion monitoreo vigilar vigilancia seguimiento",
        it: "monitorare monitoraggio sorvegliare sorveglianza",
        pl: "monitorowac monitorowanie nadzor nadzorowac",
        pt: "monitorar monitorizar monitorizacao monitoramento supervisionar supervisao",
    },
    Words {
        concept: "update",
        en: "update updates updated updating upgrade upgrades upgraded upgrading",
        fr: "actualiser actualisation",
        de: "aktualisieren aktualisierung aktualisierungen aktualisiert",
        es: "actualizar actualizacion actualizaciones",
        it: "aggiornare aggiornamento aggiornamenti",
        pl: "aktualizowac zaktualizowac aktualizacja aktualizacje",
        pt: "atualizar atualizacao atualizacoes",
    },
    Words {
        concept: "patch",
        en: "patch patches patched patching hotfix",
        fr: "correctif correctifs patchs",
        de: "patches",
        es: "parche parches",
        it: "",
        pl: "poprawka poprawki latka latki",
        pt: "correcao correcoes",
    },
    Words {
        concept: "maintain",
        en: "maintain maintains maintained maintaining maintenance upkeep",
        fr: "maintenir maintenu maintien maintenance entretenir entretien",
        de: "warten wartung pflegen pflege instandhaltung",
        es: "mantener mantenimiento",
        it: "mantenere manutenzione",
        pl: "utrzymywac utrzymac utrzymanie konserwacja",
        pt: "manter manutencao",
    },
    Words {
        concept: "backup",
        en: "backup backups",
        fr: "sauvegarde sauvegardes sauvegarder",
        de: "sicherung sicherungen sichern datensicherung",
        es: "respaldo respaldos",
        ..NONE
    },
    Words {
        concept: "restore",
        en: "restore restores restored restoring restoration recover recovery restorability",
        fr: "restaurer restauration restaurabilite recuperer recuperation reprise",
        de: "wiederherstellen wiederherstellung",
        es: "restaurar restauracion recuperar recuperacion",
        it: "ripristinare ripristino recuperare recupero",
        pl: "przywrocic przywracanie odtworzenie odzyskiwanie odzyskac",
        pt: "restauro restauracao recuperacao",
    },
    Words {
        concept: "test",
        en: "test tests tested testing",
        fr: "tester teste essai essais",
        de: "testen getestet",
        es: "probar prueba pruebas",
        it: "testare prova prove",
        pl: "testowac testy",
        pt: "testar teste testes",
    },
    Words {
        concept: "notify",
        en: "notify notifies notified notification inform informs report reports declare alerting",
        fr: "notifier notification informer signaler declarer",
        de: "benachrichtigen benachrichtigung melden meldung informieren",
        es: "notificar notificacion informar",
        it: "notificare notifica segnalare informare",
        pl: "powiadomic powiadomienie zglosic zgloszenie informowac",
        pt: "notificar notificacao",
    },
    Words {
        concept: "delete",
        en: "delete deletes deleted deleting deletion remove removes removed removal erase erasure purge",
        fr: "supprimer supprime suppression effacer effacement retirer",
        de: "loschen loschung entfernen entfernung",
        es: "eliminar eliminacion borrar suprimir",
        it: "eliminare eliminazione cancellare cancellazione rimuovere rimozione",
        pl: "usunac usuniecie usuwanie",
        pt: "excluir exclusao apagar remover remocao",
    },
    Words {
        concept: "destroy",
        en: "destroy destroys destroyed destroying destruction",
        fr: "detruire detruit detruite destruction",
        de: "vernichten vernichtung zerstoren",
        es: "destruir destruccion",
        it: "distruggere distruzione",
        pl: "zniszczyc zniszczenie niszczenie",
        pt: "destruicao",
    },
    Words {
        concept: "decommission",
        en: "decommission decommissioned decommissioning dismantle dismantling",
        fr: "decommissionner decommissionnement demantelement demanteler",
        de: "ausserbetriebnahme stilllegen stilllegung",
        es: "desmantelar desmantelamiento",
        it: "dismissione dismettere",
        pl: "wycofanie",
        pt: "desativar desativacao",
    },
    Words {
        concept: "migrate",
        en: "migrate migrates migrated migration migrator transition",
        fr: "migrer migration",
        de: "migrieren",
        es: "migrar migracion",
        it: "migrare migrazione",
        pl: "migrowac migracja",
        pt: "migracao",
    },
    Words {
        concept: "transfer",
        en: "transfer transfers transferred",
        fr: "transferer transfert",
        de: "ubertragen ubertragung",
        es: "transferir transferencia",
        it: "trasferire trasferimento",
        pl: "przeniesc przeniesienie",
        pt: "transferencia",
    },
    Words {
        concept: "export",
        en: "export exports exported exporting extract extraction",
        fr: "exporter exportation",
        de: "exportieren",
        es: "exportar exportacion",
        it: "esportare esportazione",
        pl: "eksportowac eksport",
        pt: "",
    },
    Words {
        concept: "import",
        en: "import imports imported importing inject",
        fr: "importer injecter",
        de: "importieren",
        es: "importar importacion",
        it: "importare importazione",
        pl: "importowac",
        pt: "",
    },
    Words {
        concept: "encrypt",
        en: "encrypt encrypts encrypted encryption cipher",
        fr: "chiffrer chiffre chiffrement crypter cryptage",
        de: "verschlusseln verschlusselung verschlusselt",
        es: "cifrar cifrado encriptar encriptacion",
        it: "crittografare crittografia cifratura",
        pl: "szyfrowac szyfrowanie zaszyfrowac",
        pt: "criptografar criptografia encriptacao",
    },
    Words {
        concept: "define",
        en: "define defines defined defining specify",
        fr: "definir defini definie specifier",
        de: "definieren definiert festlegen festgelegt",
        es: "definir definido especificar",
        it: "definire definito specificare",
        pl: "zdefiniowac definiowac okreslic",
        pt: "",
    },
    Words {
        concept: "design",
        en: "design designs designed designing conceive",
        fr: "concevoir conception concu",
        de: "entwerfen entwurf konzipieren",
        es: "disenar diseno",
        it: "progettare progettazione",
        pl: "projektowac zaprojektowac",
        pt: "projetar",
    },
    Words {
        concept: "implement",
        en: "implement implements implemented implementing implementation establish",
        fr: "implementer implementation etablir",
        de: "implementieren implementierung umsetzen umsetzung einfuhren",
        es: "implementar implementacion",
        it: "implementare implementazione attuare",
        pl: "implementowac wprowadzic",
        pt: "",
    },
    Words {
        concept: "provide",
        en: "provide provides provided providing provision provisioning deliver delivers delivered delivery supply allocate allocated publish",
        fr: "fournir fourni fournie fournis fournies fourniture livrer livre livree livraison provisionner provisionnement allouer alloue allouee allouees publier",
        de: "liefern lieferung",
        es: "proporcionar suministrar proveer entregar entrega",
        it: "fornire fornitura erogare",
        pl: "dostarczyc dostarczanie udostepnic",
        pt: "fornecer disponibilizar entregar",
    },
    Words {
        concept: "ensure",
        en: "ensure ensures ensuring guarantee guarantees assure",
        fr: "assurer garantir veiller",
        de: "gewahrleisten sicherstellen",
        es: "garantizar asegurar",
        it: "garantire assicurare",
        pl: "zapewnic zapewnienie",
        pt: "garantir assegurar",
    },
    Words {
        concept: "request",
        en: "request requests requested requesting ask",
        fr: "demander demande demandes demandee demandees",
        de: "anfordern anforderung anfrage beantragen",
        es: "solicitar solicitud",
        it: "richiedere richiesta",
        pl: "zlecic zlecenie wniosek",
        pt: "solicitacao pedido",
    },
    Words {
        concept: "apply",
        en: "apply applies applied applying",
        fr: "appliquer applique",
        de: "anwenden angewendet",
        es: "aplicar",
        it: "applicare",
        pl: "zastosowac stosowac",
        pt: "",
    },
    Words {
        concept: "documentation",
        en: "documentation document documented",
        fr: "documentation documenter",
        de: "dokumentation dokumentieren",
        es: "documentacion documentar",
        it: "documentazione documentare",
        pl: "dokumentacja dokumentacji dokumentowac",
        pt: "documentacao",
    },
    Words {
        concept: "audit",
        en: "audit audits audited auditing",
        fr: "auditer",
        de: "auditieren",
        es: "auditoria auditorias auditar",
        it: "",
        pl: "audyt audyty",
        pt: "",
    },
    Words {
        concept: "support",
        en: "support supported helpdesk assistance",
        fr: "soutien",
        de: "unterstutzung unterstutzen",
        es: "soporte asistencia",
        it: "supporto assistenza",
        pl: "wsparcie pomoc",
        pt: "suporte assistencia apoio",
    },
    Words {
        concept: "resolve",
        en: "resolve resolves resolved resolution troubleshoot troubleshooting fix",
        fr: "resoudre resolution depanner depannage",
        de: "beheben behebung losen",
        es: "resolver solucionar",
        it: "risolvere",
        pl: "rozwiazywac",
        pt: "resolucao",
    },
    Words {
        concept: "size",
        en: "size sizes sized sizing dimension dimensioning estimate estimates",
        fr: "dimensionner dimensionnement taille estimer",
        de: "dimensionieren dimensionierung schatzen",
        es: "dimensionar dimensionamiento estimar",
        it: "dimensionare stimare",
        pl: "zwymiarowac wymiarowanie rozmiar oszacowac",
        pt: "",
    },
    Words {
        concept: "plan",
        en: "plan plans planned planning",
        fr: "planifier planification",
        de: "planen planung",
        es: "planificar planificacion",
        it: "pianificare pianificazione piano piani",
        pl: "planowac planowanie",
        pt: "planear planejar planeamento planejamento plano planos",
    },
    Words {
        concept: "scale",
        en: "scale scales scaling scalability elasticity",
        fr: "echelle evolutivite",
        de: "skalieren skalierung skalierbarkeit erweiterung",
        es: "escalar escalado escalabilidad",
        it: "scalare scalabilita",
        pl: "skalowac skalowanie skalowalnosc",
        pt: "escalonamento escalabilidade",
    },
    Words {
        concept: "adjust",
        en: "adjust adjusts adjusted adjustment adjustments adapt adapts adapted resize resizing",
        fr: "ajuster ajustement ajustements adapter adapte adaptee redimensionner redimensionnement",
        de: "anpassen anpassung anpassungen",
        es: "ajustar adaptar ajuste",
        it: "adattare regolare adeguare",
        pl: "dostosowac dostosowanie",
        pt: "",
    },
    Words {
        concept: "add",
        en: "add adds added adding addition additions",
        fr: "ajouter ajout ajouts",
        de: "hinzufugen",
        es: "anadir agregar adicion",
        it: "aggiungere aggiunta",
        pl: "dodac dodawanie",
        pt: "adicionar acrescentar",
    },
    Words {
        concept: "create",
        en: "create creates created creating creation build builds",
        fr: "creer cree creee crees creation construire",
        de: "erstellen erstellung anlegen erzeugen",
        es: "crear creacion",
        it: "creare creazione",
        pl: "utworzyc tworzyc tworzenie",
        pt: "criar criacao",
    },
    Words {
        concept: "change",
        en: "change changes changed modify modifies modified modification modifications evolution evolutions",
        fr: "changement changements modifier modifie modification modifications evolution evolutions",
        de: "andern anderung anderungen",
        es: "cambio cambios cambiar modificar modificacion evolucion",
        it: "modifica modifiche modificare cambiare cambiamento evoluzione",
        pl: "zmiana zmiany zmienic modyfikacja",
        pt: "alterar alteracao mudanca modificar",
    },
    Words {
        concept: "filter",
        en: "filter filters filtered filtering",
        fr: "filtrer filtrage",
        de: "filtern filterung",
        es: "filtrar filtrado",
        it: "filtrare filtraggio",
        pl: "filtrowac filtrowanie",
        pt: "filtragem",
    },
    Words {
        concept: "retain",
        en: "retain retains retained retention keep keeps kept preserve archive archives archiving collect",
        fr: "conserver conservation retention garder archive archives collecter",
        de: "aufbewahren aufbewahrung archiv archivierung",
        es: "conservar retener retencion",
        it: "conservare conservazione ritenzione",
        pl: "przechowywac przechowywanie retencja",
        pt: "reter retencao",
    },
    Words {
        concept: "intervene",
        en: "intervene intervenes intervention interventions",
        fr: "intervenir",
        de: "eingreifen",
        es: "",
        it: "intervenire",
        pl: "interweniowac",
        pt: "intervir",
    },
    Words {
        concept: "start",
        en: "start starts started launch launched run runs running",
        fr: "demarrer lancer",
        de: "starten",
        es: "iniciar arrancar",
        it: "avviare",
        pl: "uruchomic",
        pt: "",
    },
    Words {
        concept: "replace",
        en: "replace replaces replaced replacement",
        fr: "remplacer remplacement",
        de: "ersetzen austauschen austausch",
        es: "reemplazar sustituir",
        it: "sostituire sostituzione",
        pl: "wymienic wymiana",
        pt: "substituir substituicao",
    },
    Words {
        concept: "route",
        en: "route routes routing routed router routers",
        fr: "routage routeur routeurs",
        de: "routen",
        es: "enrutar enrutamiento",
        it: "instradare instradamento",
        pl: "trasowanie",
        pt: "roteamento encaminhamento",
    },
    Words {
        concept: "purchase",
        en: "purchase purchased buy buys acquire acquired orders",
        fr: "acheter achat acquerir commander commande commandes",
        de: "kaufen erwerben erwerb bestellen",
        es: "comprar adquirir",
        it: "acquistare acquisto",
        pl: "kupic zakup",
        pt: "",
    },
    Words {
        concept: "subscribe",
        en: "subscribe subscribes subscribed subscription subscriptions",
        fr: "souscrire souscription souscrit abonnement",
        de: "abonnieren abonnement",
        es: "suscribir suscripcion contratar",
        it: "sottoscrivere sottoscrizione abbonamento",
        pl: "subskrypcja",
        pt: "subscrever subscricao assinatura",
    },
    Words {
        concept: "verify",
        en: "verify verifies verified verification check checks checked checking evaluate assess",
        fr: "verifier verification controler evaluer",
        de: "prufen uberprufen uberprufung kontrollieren",
        es: "verificar comprobar",
        it: "verificare verifica controllare",
        pl: "sprawdzic weryfikowac weryfikacja",
        pt: "",
    },
    Words {
        concept: "learn",
        en: "learn learns know",
        fr: "connaitre",
        de: "kennen kennenlernen",
        es: "conocer",
        it: "conoscere",
        pl: "poznac",
        pt: "conhecer",
    },
    Words {
        concept: "terminate",
        en: "terminate terminated termination resiliation cancel cancellation",
        fr: "resilier resiliation rupture",
        de: "kundigung kundigen",
        es: "rescision rescindir",
        it: "recesso disdetta",
        pl: "wypowiedzenie",
        pt: "rescisao",
    },
    Words {
        concept: "use",
        en: "use uses used using usage",
        fr: "utiliser utilise utilisee utilisation",
        de: "nutzen nutzung verwenden verwendung",
        es: "usar utilizar",
        it: "utilizzare utilizzo",
        pl: "uzywac korzystac",
        pt: "utilizar",
    },
    Words {
        concept: "develop",
        en: "develop develops developed development",
        fr: "developper developpement",
        de: "entwickeln entwicklung",
        es: "desarrollar desarrollo",
        it: "sviluppare sviluppo",
        pl: "rozwijac rozwoj",
        pt: "desenvolver desenvolvimento",
    },
    Words {
        concept: "perform",
        en: "perform performs performed conduct execute executed carry",
        fr: "realiser effectuer executer proceder",
        de: "durchfuhren ausfuhren",
        es: "realizar ejecutar",
        it: "eseguire",
        pl: "wykonac przeprowadzic",
        pt: "executar",
    },
    Words {
        concept: "approve",
        en: "approve approves approved approval validate validates validated validation confirm confirms",
        fr: "approuver valider validation confirmer",
        de: "genehmigen genehmigung freigeben",
        es: "aprobar validar",
        it: "approvare validare",
        pl: "zatwierdzic",
        pt: "aprovar validar",
    },
    Words {
        concept: "connect",
        en: "connect connected connection connections connectivity interconnection interconnections link links attach attached",
        fr: "connecter connexion connexions connectivite interconnexion interconnexions lien liens attacher",
        de: "verbinden verbindung verbindungen konnektivitat",
        es: "conectar conexion conectividad",
        it: "connettere connessione connettivita",
        pl: "lacznosc polaczenie",
        pt: "conectividade conexao ligacao",
    },
    // ---- things ----
    Words {
        concept: "host",
        en: "hosted hosting",
        fr: "heberger heberge hebergee heberges hebergees hebergement herbergees",
        de: "gehostet",
        es: "alojado alojados alojamiento hospedado",
        it: "ospitato ospitati hosting",
        pl: "hostowany hosting",
        pt: "alojado hospedado",
    },
    Words {
        concept: "role",
        en: "role roles",
        fr: "",
        de: "rolle rollen rollenbasiert rollenbasierten",
        es: "rol",
        it: "ruolo ruoli",
        pl: "rola",
        pt: "papel",
    },
    Words {
        concept: "service",
        en: "service services",
        fr: "",
        de: "dienst dienste dienstes",
        es: "servicio servicios",
        it: "servizio servizi",
        pl: "usluga uslugi uslugami",
        pt: "servico servicos",
    },
    Words {
        concept: "platform",
        en: "platform platforms",
        fr: "plateforme plateformes",
        de: "plattform",
        es: "plataforma",
        it: "piattaforma",
        pl: "platforma",
        pt: "",
    },
    Words {
        concept: "cluster",
        en: "cluster clusters",
        fr: "",
        de: "",
        es: "",
        it: "",
        pl: "klaster",
        pt: "",
    },
    Words {
        concept: "node",
        en: "node nodes",
        fr: "noeud noeuds",
        de: "knoten",
        es: "nodo nodos",
        it: "nodi",
        pl: "wezel wezly",
        pt: "",
    },
    Words {
        concept: "network",
        en: "network networks networking subnet subnets",
        fr: "reseau reseaux",
        de: "netzwerk netzwerke netz",
        es: "red redes",
        it: "rete reti",
        pl: "siec sieci",
        pt: "rede redes",
    },
    Words {
        concept: "access",
        en: "access accesses accessing",
        fr: "acces acceder",
        de: "zugriff zugriffe zugang",
        es: "acceso accesos",
        it: "accesso accessi",
        pl: "dostep dostepu",
        pt: "acesso acessos",
    },
    Words {
        concept: "permission",
        en: "permission permissions rights authorization authorizations privilege privileges",
        fr: "droit droits autorisation autorisations habilitation habilitations privilege",
        de: "berechtigung berechtigungen rechte",
        es: "permiso permisos autorizacion",
        it: "permesso permessi autorizzazione autorizzazioni",
        pl: "uprawnienia uprawnienie",
        pt: "permissao permissoes",
    },
    Words {
        concept: "identity",
        en: "identity identities",
        fr: "identite identites",
        de: "identitat identitaten",
        es: "identidad identidades",
        it: "identita",
        pl: "tozsamosc",
        pt: "identidade",
    },
    Words {
        concept: "authentication",
        en: "authentication authenticate",
        fr: "authentification",
        de: "authentifizierung",
        es: "autenticacion",
        it: "autenticazione",
        pl: "uwierzytelnianie",
        pt: "autenticacao",
    },
    Words {
        concept: "user",
        en: "user users",
        fr: "utilisateur utilisateurs",
        de: "benutzer nutzer",
        es: "usuario usuarios",
        it: "utente utenti",
        pl: "uzytkownik uzytkownicy",
        pt: "utilizador",
    },
    Words {
        concept: "account",
        en: "account accounts",
        fr: "compte comptes",
        de: "konto konten",
        es: "cuenta cuentas",
        it: "",
        pl: "",
        pt: "conta contas",
    },
    Words {
        concept: "password",
        en: "password passwords passphrase",
        fr: "",
        de: "passwort kennwort",
        es: "contrasena",
        it: "",
        pl: "haslo hasla",
        pt: "senha",
    },
    Words {
        concept: "key",
        en: "key keys",
        fr: "cle cles clef clefs",
        de: "schlussel",
        es: "clave claves",
        it: "chiave chiavi",
        pl: "klucz klucze",
        pt: "chave chaves",
    },
    Words {
        concept: "data",
        en: "data dataset",
        fr: "donnees donnee",
        de: "daten",
        es: "datos",
        it: "dati",
        pl: "dane danych",
        pt: "dados",
    },
    Words {
        concept: "database",
        en: "database databases",
        fr: "",
        de: "datenbank datenbanken",
        es: "",
        it: "",
        pl: "",
        pt: "",
    },
    Words {
        concept: "incident",
        en: "incident incidents outage outages",
        fr: "",
        de: "vorfall vorfalle storung storungen",
        es: "incidente incidentes incidencia incidencias",
        it: "incidenti",
        pl: "incydent incydenty",
        pt: "",
    },
    Words {
        concept: "problem",
        en: "problem problems issue issues",
        fr: "probleme problemes",
        de: "probleme problemen fehler",
        es: "problema problemas",
        it: "problemi",
        pl: "problemy",
        pt: "",
    },
    Words {
        concept: "version",
        en: "version versions release releases",
        fr: "",
        de: "versionen",
        es: "versiones",
        it: "versione versioni",
        pl: "wersja wersje",
        pt: "versao versoes",
    },
    Words {
        concept: "security",
        en: "security secure secured securing harden hardening protect protection",
        fr: "securite securiser securise securisee securises securisees durcir durcissement proteger",
        de: "sicherheit absichern hartung schutz",
        es: "seguridad proteger proteccion",
        it: "sicurezza proteggere protezione",
        pl: "bezpieczenstwo bezpieczenstwa zabezpieczenie ochrona",
        pt: "seguranca protecao",
    },
    Words {
        concept: "policy",
        en: "policy policies rule rules",
        fr: "politique politiques regle regles",
        de: "richtlinie richtlinien regel regeln",
        es: "politica politicas regla reglas",
        it: "politiche regola regole",
        pl: "polityka polityki regula reguly",
        pt: "",
    },
    Words {
        concept: "strategy",
        en: "strategy strategies",
        fr: "strategie strategies",
        de: "strategie",
        es: "estrategia",
        it: "strategia",
        pl: "",
        pt: "",
    },
    Words {
        concept: "procedure",
        en: "procedure procedures process processes",
        fr: "procedure procedures processus",
        de: "verfahren prozess",
        es: "procedimiento procedimientos proceso",
        it: "procedura procedure processo",
        pl: "procedura procedury",
        pt: "procedimento",
    },
    Words {
        concept: "certificate",
        en: "certificate certificates",
        fr: "certificat certificats",
        de: "zertifikat zertifikate",
        es: "certificado certificados",
        it: "certificato certificati",
        pl: "certyfikat certyfikaty",
        pt: "",
    },
    Words {
        concept: "infrastructure",
        en: "infrastructure infrastructures",
        fr: "",
        de: "infrastruktur infrastrukturen",
        es: "infraestructura infraestructuras",
        it: "infrastruttura infrastrutture",
        pl: "infrastruktura infrastruktury",
        pt: "infraestrutura",
    },
    Words {
        concept: "hardware",
        en: "hardware equipment equipments device devices material materials machine machines",
        fr: "materiel materiels equipement equipements dispositif dispositifs",
        de: "gerat gerate ausrustung",
        es: "equipamiento dispositivo dispositivos",
        it: "apparecchiature dispositivo dispositivi",
        pl: "sprzet urzadzenie urzadzenia",
        pt: "equipamento equipamentos",
    },
    Words {
        concept: "datacenter",
        en: "datacenter datacenters datacentre datacentres",
        fr: "",
        de: "rechenzentrum rechenzentren",
        es: "",
        it: "",
        pl: "",
        pt: "",
    },
    Words {
        concept: "physical",
        en: "physical physically building buildings",
        fr: "physique physiques batiment batiments",
        de: "physisch physische physischen",
        es: "fisico fisica fisicos",
        it: "",
        pl: "fizyczny fizyczne",
        pt: "",
    },
    Words {
        concept: "software",
        en: "software softwares middleware middlewares middleswares component components brick bricks tool tools agent agents firmware",
        fr: "logiciel logiciels logicielle composant composants brique briques outil outils",
        de: "komponente komponenten werkzeug werkzeuge",
        es: "componente componentes herramienta herramientas",
        it: "componente componenti strumento strumenti",
        pl: "oprogramowanie komponent narzedzie narzedzia",
        pt: "",
    },
    Words {
        concept: "instance",
        en: "instance instances vms",
        fr: "",
        de: "instanz instanzen",
        es: "instancia instancias",
        it: "istanza istanze",
        pl: "instancja instancje",
        pt: "",
    },
    Words {
        concept: "server",
        en: "server servers host hosts",
        fr: "serveur serveurs",
        de: "",
        es: "servidor servidores",
        it: "",
        pl: "serwer serwery",
        pt: "",
    },
    Words {
        concept: "hypervisor",
        en: "hypervisor hypervisors virtualization virtualisation",
        fr: "hyperviseur hyperviseurs",
        de: "virtualisierung",
        es: "hipervisor",
        it: "",
        pl: "",
        pt: "",
    },
    Words {
        concept: "licence",
        en: "licence licences license licenses licensing",
        fr: "",
        de: "lizenz lizenzen",
        es: "licencia licencias",
        it: "licenza licenze",
        pl: "licencja licencje",
        pt: "licenca licencas",
    },
    Words {
        concept: "log",
        en: "log logs logging trail trails",
        fr: "journal journaux journalisation",
        de: "protokoll protokolle",
        es: "",
        it: "",
        pl: "logi dziennik",
        pt: "",
    },
    Words {
        concept: "performance",
        en: "performance performances latency bandwidth",
        fr: "latence",
        de: "leistung",
        es: "rendimiento",
        it: "prestazioni",
        pl: "wydajnosc",
        pt: "desempenho",
    },
    Words {
        concept: "resource",
        en: "resource resources",
        fr: "ressource ressources",
        de: "ressourcen",
        es: "recurso recursos",
        it: "risorsa risorse",
        pl: "zasob zasoby",
        pt: "",
    },
    Words {
        concept: "capacity",
        en: "capacity capacities quota quotas",
        fr: "capacite capacites",
        de: "kapazitat kapazitaten",
        es: "capacidad capacidades",
        it: "capacita",
        pl: "pojemnosc",
        pt: "capacidade capacidades",
    },
    Words {
        concept: "capability",
        en: "capability capabilities feature features",
        fr: "fonctionnalite fonctionnalites",
        de: "funktion funktionen",
        es: "funcionalidad funcionalidades",
        it: "funzionalita",
        pl: "funkcja funkcje",
        pt: "funcionalidade",
    },
    Words {
        concept: "limit",
        en: "limit limits limitation limitations",
        fr: "limite limites",
        de: "grenze grenzen einschrankung einschrankungen",
        es: "limitacion limitaciones",
        it: "limitazione limitazioni",
        pl: "ograniczenie ograniczenia",
        pt: "",
    },
    Words {
        concept: "application",
        en: "application applications app apps",
        fr: "applicatif applicatifs applicative applicatives",
        de: "anwendung anwendungen applikation",
        es: "aplicacion aplicaciones",
        it: "applicazione applicazioni applicativo",
        pl: "aplikacja aplikacje aplikacji",
        pt: "aplicacao aplicacoes",
    },
    Words {
        concept: "workload",
        en: "workload workloads",
        fr: "",
        de: "arbeitslast",
        es: "",
        it: "",
        pl: "",
        pt: "",
    },
    Words {
        concept: "business",
        en: "business",
        fr: "metier metiers",
        de: "geschaft geschafts fachbereich",
        es: "negocio negocios empresarial empresariales",
        it: "aziendale aziendali",
        pl: "biznes biznesowy",
        pt: "",
    },
    Words {
        concept: "container",
        en: "container containers containerized containerised pod pods",
        fr: "conteneur conteneurs conteneurise conteneurises",
        de: "",
        es: "contenedor contenedores",
        it: "",
        pl: "kontener kontenery",
        pt: "contentor contentores",
    },
    Words {
        concept: "image",
        en: "image images template templates",
        fr: "gabarit gabarits",
        de: "abbild",
        es: "imagen imagenes plantilla plantillas",
        it: "immagine immagini",
        pl: "obraz obrazy",
        pt: "imagem",
    },
    Words {
        concept: "registry",
        en: "registry registries repository repositories",
        fr: "registre registres",
        de: "",
        es: "registro registros",
        it: "registri",
        pl: "rejestr",
        pt: "",
    },
    Words {
        concept: "catalog",
        en: "catalog catalogue marketplace",
        fr: "",
        de: "katalog katalogs",
        es: "catalogo",
        it: "",
        pl: "",
        pt: "",
    },
    Words {
        concept: "storage",
        en: "storage store stored storing disk disks media",
        fr: "stockage stocker stocke stockee stockees disque disques",
        de: "speicher speichern speicherung",
        es: "almacenamiento almacenar",
        it: "archiviazione",
        pl: "dysk dyski",
        pt: "armazenamento armazenar",
    },
    Words {
        concept: "volume",
        en: "volume volumes bucket buckets",
        fr: "",
        de: "volumen",
        es: "",
        it: "volumi",
        pl: "wolumin",
        pt: "",
    },
    Words {
        concept: "object",
        en: "object objects",
        fr: "objet objets",
        de: "objekt objekte",
        es: "objeto objetos",
        it: "oggetto oggetti",
        pl: "obiekt obiekty",
        pt: "",
    },
    Words {
        concept: "snapshot",
        en: "snapshot snapshots",
        fr: "",
        de: "",
        es: "instantanea instantaneas",
        it: "",
        pl: "migawka",
        pt: "",
    },
    Words {
        concept: "customer",
        en: "customer customers client clients",
        fr: "cliente clientes",
        de: "kunde kunden kundenspezifisch kundenspezifischen",
        es: "",
        it: "",
        pl: "klient klienta",
        pt: "",
    },
    Words {
        concept: "provider",
        en: "provider providers supplier vendor",
        fr: "fournisseur prestataire",
        de: "anbieter dienstleister",
        es: "proveedor",
        it: "fornitore",
        pl: "dostawca",
        pt: "fornecedor",
    },
    Words {
        concept: "staff",
        en: "staff team teams personnel employees",
        fr: "equipe equipes",
        de: "mitarbeiter",
        es: "",
        it: "squadra personale",
        pl: "zespol zespoly personel",
        pt: "equipa equipas",
    },
    Words {
        concept: "continuity",
        en: "continuity",
        fr: "continuite",
        de: "kontinuitat",
        es: "continuidad",
        it: "continuita",
        pl: "ciaglosc",
        pt: "continuidade",
    },
    Words {
        concept: "disaster",
        en: "disaster disasters",
        fr: "sinistre sinistres",
        de: "katastrophe",
        es: "desastre desastres",
        it: "disastro disastri",
        pl: "katastrofa awaria",
        pt: "",
    },
    Words {
        concept: "availability",
        en: "availability available accessibility accessible uptime functioning",
        fr: "disponibilite disponible accessibilite accessible fonctionnement",
        de: "verfugbarkeit verfugbar erreichbarkeit",
        es: "disponibilidad disponible funcionamiento",
        it: "disponibilita disponibile funzionamento",
        pl: "dostepnosc dzialanie",
        pt: "disponibilidade",
    },
    Words {
        concept: "high",
        en: "high",
        fr: "haute",
        de: "hoch hohe",
        es: "alta",
        it: "",
        pl: "wysoka",
        pt: "",
    },
    Words {
        concept: "reversibility",
        en: "reversibility reversion reverting reversal",
        fr: "reversibilite",
        de: "reversibilitat",
        es: "reversibilidad",
        it: "reversibilita",
        pl: "odwracalnosc",
        pt: "reversibilidade",
    },
    Words {
        concept: "operator",
        en: "operator operators",
        fr: "operateur operateurs",
        de: "operatoren",
        es: "operador operadores",
        it: "operatore operatori",
        pl: "",
        pt: "",
    },
    Words {
        concept: "project",
        en: "project projects namespace namespaces",
        fr: "projet projets",
        de: "projekt projekte projekten",
        es: "proyecto proyectos",
        it: "progetto progetti",
        pl: "projekty",
        pt: "projeto projetos projecto",
    },
    Words {
        concept: "pipeline",
        en: "pipeline pipelines",
        ..NONE
    },
    Words {
        concept: "code",
        en: "code",
        fr: "",
        de: "quellcode",
        es: "codigo",
        it: "codice",
        pl: "kod",
        pt: "",
    },
    Words {
        concept: "content",
        en: "content contents message messages",
        fr: "contenu contenus",
        de: "inhalt inhalte nachricht nachrichten",
        es: "contenido mensaje mensajes",
        it: "contenuto messaggio messaggi",
        pl: "tresc wiadomosc wiadomosci",
        pt: "conteudo mensagem mensagens",
    },
    Words {
        concept: "alert",
        en: "alert alerts alarm alarms",
        fr: "alerte alertes alarme alarmes",
        de: "warnung warnungen warnmeldung warnmeldungen alarme",
        es: "alerta alertas alarma alarmas",
        it: "allarme allarmi avviso avvisi",
        pl: "alerty",
        pt: "",
    },
    Words {
        concept: "vulnerability",
        en: "vulnerability vulnerabilities",
        fr: "vulnerabilite vulnerabilites",
        de: "schwachstelle schwachstellen",
        es: "vulnerabilidad vulnerabilidades",
        it: "vulnerabilita",
        pl: "podatnosc podatnosci",
        pt: "vulnerabilidade vulnerabilidades",
    },
    Words {
        concept: "scan",
        en: "scan scans scanning pentest penetration",
        fr: "",
        de: "",
        es: "escaneo",
        it: "scansione",
        pl: "skanowanie",
        pt: "",
    },
    Words {
        concept: "malware",
        en: "malware antivirus virus intrusion intrusions",
        fr: "antivirale antiviral",
        de: "schadsoftware virenschutz",
        es: "",
        it: "",
        pl: "",
        pt: "",
    },
    Words {
        concept: "detection",
        en: "detection detect detected",
        fr: "detecter detecte detectes",
        de: "erkennung erkennen",
        es: "deteccion detectar",
        it: "rilevamento rilevare",
        pl: "wykrywanie wykryc",
        pt: "deteccao detetar",
    },
    Words {
        concept: "compliance",
        en: "compliance comply complies compliant conformity regulation regulations regulatory legal law",
        fr: "conformite conforme reglementaire reglementation legal legale",
        de: "konformitat vorschriften",
        es: "cumplimiento cumplir conformidad normativa",
        it: "conformita normativa",
        pl: "zgodnosc",
        pt: "conformidade",
    },
    Words {
        concept: "risk",
        en: "risk risks",
        fr: "risque risques",
        de: "risiko risiken",
        es: "riesgo riesgos",
        it: "rischio rischi",
        pl: "ryzyko",
        pt: "risco riscos",
    },
    Words {
        concept: "inventory",
        en: "inventory",
        fr: "inventaire",
        de: "inventar",
        es: "inventario",
        it: "",
        pl: "inwentarz",
        pt: "",
    },
    Words {
        concept: "end",
        en: "end",
        fr: "fin",
        de: "ende",
        es: "",
        it: "",
        pl: "koniec",
        pt: "fim",
    },
    Words {
        concept: "lifecycle",
        en: "lifecycle",
        fr: "",
        de: "lebenszyklus",
        es: "",
        it: "",
        pl: "",
        pt: "",
    },
    Words {
        concept: "contract",
        en: "contract contracts contractual",
        fr: "contrat contrats contractuel contractuelle",
        de: "vertrag vertrage vertraglich",
        es: "contrato contratos",
        it: "contratto contratti contrattuale",
        pl: "umowa umowy",
        pt: "contratual",
    },
    Words {
        concept: "billing",
        en: "billing invoice invoices invoicing quote quotes commercial",
        fr: "facturation facture devis commerciale",
        de: "abrechnung rechnung",
        es: "facturacion factura",
        it: "fatturazione fattura",
        pl: "rozliczenia faktura",
        pt: "faturacao faturamento",
    },
    Words {
        concept: "location",
        en: "location locations region regions zone zones",
        fr: "localisation",
        de: "standort",
        es: "ubicacion localizacion region",
        it: "ubicazione localizzazione regione",
        pl: "lokalizacja",
        pt: "localizacao regiao",
    },
    Words {
        concept: "option",
        en: "option options",
        fr: "",
        de: "optionen",
        es: "opcion opciones",
        it: "opzione opzioni",
        pl: "opcja opcje",
        pt: "opcao opcoes",
    },
    Words {
        concept: "offer",
        en: "offer offers offering range flavor flavour",
        fr: "offre offres gamme",
        de: "angebot",
        es: "oferta",
        it: "offerta",
        pl: "oferta",
        pt: "",
    },
    Words {
        concept: "console",
        en: "console panel portal interface interfaces manager",
        fr: "",
        de: "konsole",
        es: "consola",
        it: "",
        pl: "konsola",
        pt: "",
    },
    Words {
        concept: "api",
        en: "api apis",
        ..NONE
    },
    Words {
        concept: "firewall",
        en: "firewall firewalls",
        fr: "",
        de: "",
        es: "cortafuegos",
        it: "",
        pl: "zapora",
        pt: "",
    },
    Words {
        concept: "flow",
        en: "flow flows traffic inbound outbound",
        fr: "flux trafic",
        de: "verkehr datenverkehr",
        es: "flujo flujos trafico",
        it: "flusso flussi traffico",
        pl: "przeplyw ruch",
        pt: "fluxo fluxos trafego",
    },
    Words {
        concept: "addressing",
        en: "addressing ipam dhcp cidr",
        fr: "adressage",
        de: "adressierung",
        es: "direccionamiento",
        it: "indirizzamento",
        pl: "adresacja",
        pt: "enderecamento",
    },
    Words {
        concept: "dns",
        en: "dns",
        ..NONE
    },
    Words {
        concept: "domain",
        en: "domain domains",
        fr: "domaine domaines",
        de: "",
        es: "dominio dominios",
        it: "",
        pl: "domena",
        pt: "",
    },
    Words {
        concept: "backbone",
        en: "backbone",
        ..NONE
    },
    Words {
        concept: "architecture",
        en: "architecture architectures topology",
        fr: "topologie",
        de: "architektur",
        es: "arquitectura",
        it: "architettura",
        pl: "architektura",
        pt: "arquitetura",
    },
    Words {
        concept: "default",
        en: "default standard",
        fr: "defaut",
        de: "",
        es: "predeterminada predeterminado",
        it: "predefinita predefinito",
        pl: "domyslny domyslna",
        pt: "predefinido padrao",
    },
    Words {
        concept: "initial",
        en: "initial first",
        fr: "initiale",
        de: "initiale initialen erste",
        es: "inicial",
        it: "iniziale",
        pl: "poczatkowy poczatkowa",
        pt: "",
    },
    Words {
        concept: "base",
        en: "base basic baseline",
        fr: "",
        de: "basis grundlegend grundlegenden",
        es: "basico basicos",
        it: "",
        pl: "podstawowy podstawowa",
        pt: "basico",
    },
    Words {
        concept: "control",
        en: "control controls",
        fr: "controle",
        de: "kontrolle",
        es: "",
        it: "controllo",
        pl: "kontrola",
        pt: "controlo",
    },
    Words {
        concept: "operation",
        en: "operation operations operational operate operating readiness",
        fr: "operations operationnel operationnelle operationnelles exploitation exploiter",
        de: "betrieb betriebs",
        es: "operacion operaciones operativo",
        it: "operazione operazioni operativo",
        pl: "operacja operacje eksploatacja",
        pt: "operacao operacoes",
    },
    Words {
        concept: "tenant",
        en: "tenant tenants",
        ..NONE
    },
    Words {
        concept: "tag",
        en: "tag tags tagging metadata label labels",
        fr: "metadonnees etiquette etiquettes",
        de: "metadaten",
        es: "etiqueta etiquetas metadatos",
        it: "etichetta etichette metadati",
        pl: "metadane",
        pt: "etiqueta etiquetas metadados",
    },
    Words {
        concept: "format",
        en: "format formats",
        fr: "",
        de: "formate",
        es: "formato formatos",
        it: "formati",
        pl: "",
        pt: "",
    },
    Words {
        concept: "email",
        en: "email emails mail mailbox mailboxes",
        fr: "messagerie courriel",
        de: "postfach",
        es: "correo buzon",
        it: "posta casella",
        pl: "poczta skrzynka",
        pt: "correio",
    },
];

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    #[test]
    fn the_same_concept_in_every_language() {
        for (words, expected) in [
            (
                &["backup", "sauvegarde", "sicherung", "respaldo", "backups"][..],
                "backup",
            ),
            (
                &[
                    "gerer",
                    "verwalten",
                    "gestionar",
                    "gestire",
                    "zarzadzac",
                    "gerir",
                ],
                "manage",
            ),
            (
                &["donnees", "daten", "datos", "dati", "dane", "dados", "data"],
                "data",
            ),
            (
                &[
                    "restauration",
                    "wiederherstellung",
                    "restauracion",
                    "ripristino",
                    "przywracanie",
                    "restauracao",
                ],
                "restore",
            ),
            (
                &[
                    "chiffrement",
                    "verschlusselung",
                    "cifrado",
                    "crittografia",
                    "szyfrowanie",
                ],
                "encrypt",
            ),
            (
                &["reseau", "netzwerk", "redes", "rete", "siec", "rede"],
                "network",
            ),
        ] {
            for word in words {
                assert_eq!(concept(word), Some(expected), "{word}");
            }
        }
    }

    #[test]
    fn english_inflections_meet_their_base_form() {
        for (word, expected) in [
            ("policies", "policy"),
            ("configured", "configure"),
            ("deploying", "deploy"),
            ("monitored", "monitor"),
            ("certificates", "certificate"),
            ("applied", "apply"),
            ("ressourcen", "resource"),
            ("applicazioni", "application"),
        ] {
            assert_eq!(concept(word), Some(expected), "{word}");
        }
    }

    #[test]
    fn unknown_words_have_no_concept() {
        for word in ["kubernetes", "ovhcloud", "zzzz", "the", "", "os", "si"] {
            assert_eq!(concept(word), None, "{word}");
        }
    }

    #[test]
    fn expressions_acronyms_and_compounds() {
        assert_eq!(
            concepts_in("Appliquer les mises à jour du SI"),
            ["apply", "update", "information-system"]
        );
        assert_eq!(
            concepts_in("Definir la copia de seguridad"),
            ["define", "backup"]
        );
        assert_eq!(
            concepts_in("Sicherheitspatches anwenden"),
            ["security", "patch", "apply"]
        );
        assert_eq!(concepts_in("the IS is up"), ["information-system"]);
        assert_eq!(concept("zugriffskontrolle"), Some("control"));
    }

    #[test]
    fn no_word_is_listed_under_two_concepts() {
        let mut seen: HashMap<&str, &str> = HashMap::new();
        for entry in CONCEPTS {
            for list in [
                entry.en, entry.fr, entry.de, entry.es, entry.it, entry.pl, entry.pt,
            ] {
                for word in list.split_whitespace() {
                    assert_eq!(fold(word), word, "`{word}` is not folded");
                    if let Some(other) = seen.insert(word, entry.concept) {
                        assert_eq!(other, entry.concept, "`{word}` is listed twice");
                    }
                }
            }
        }
        for (phrase, _) in PHRASES {
            assert_eq!(fold(phrase), *phrase, "`{phrase}` is not folded");
        }
        assert!(ACRONYMS.windows(2).all(|w| w[0].0 < w[1].0), "sorted");
        assert!(WORDS.len() > 1000, "{} words", WORDS.len());
    }
}

//! The matrices of the site, linted, named and grouped into pages: the files
//! of one folder that differ only by the locale in their name are
//! translations of one page.

use std::collections::{BTreeMap, HashMap, HashSet};

use raci_diagnostics::Diagnostic;
use raci_model::Document;

use crate::names::{self, pick_base, split_locale, unique_slug};
use crate::{Input, Options};

/// One matrix and what the site says of it.
pub(crate) struct Matrix<'a> {
    pub input: &'a Input,
    /// Its page's file name, without folder or extension.
    pub slug: String,
    pub provider: Option<String>,
    /// The locale in its file name (`en-gb`), if any.
    pub locale: Option<String>,
    /// The page it is a locale of, by index in [`Catalog::pages`].
    pub page: usize,
    /// Its lint findings, in source order.
    pub diagnostics: Vec<Diagnostic>,
}

impl Matrix<'_> {
    pub fn document(&self) -> &Document {
        &self.input.document
    }

    /// The matrix page, relative to the site's root.
    pub fn file(&self) -> String {
        format!("matrix/{}.html", self.slug)
    }

    /// The title, or the file's path when it has none.
    pub fn title(&self) -> String {
        self.document()
            .title
            .clone()
            .filter(|t| !t.trim().is_empty())
            .unwrap_or_else(|| self.input.path.clone())
    }

    /// The language: the document's, else the locale of the file name.
    pub fn language(&self) -> String {
        self.document()
            .language
            .clone()
            .or_else(|| self.locale.clone())
            .unwrap_or_else(|| "?".to_owned())
    }
}

/// One page, published in one locale or several.
pub(crate) struct Page {
    /// Folder and file name without locale (`ovhcloud/file-storage/guide`),
    /// or the file's path for a file with no locale in its name.
    pub key: String,
    /// Its matrices, by index in [`Catalog::matrices`], in locale order.
    pub members: Vec<usize>,
    /// The matrix the others are compared with.
    pub base: usize,
    /// The service's name, as the base matrix's title (or its folder) gives it.
    pub service: String,
    /// Whether the title or folder named the service (else it was borrowed).
    pub named: bool,
    /// The kind of service, by the label of the lint's service lexicon.
    pub kind: Option<&'static str>,
    /// The drift page's slug, for a page in several locales.
    pub drift_slug: Option<String>,
}

/// The services of one provider, for the index.
pub(crate) struct ProviderGroup {
    pub provider: Option<String>,
    pub services: Vec<ServiceGroup>,
}

/// The matrices of one service of a provider.
pub(crate) struct ServiceGroup {
    pub name: String,
    pub matrices: Vec<usize>,
}

/// Every matrix and every page.
pub(crate) struct Catalog<'a> {
    pub matrices: Vec<Matrix<'a>>,
    pub pages: Vec<Page>,
}

impl<'a> Catalog<'a> {
    pub fn new(inputs: &'a [Input], options: &Options) -> Catalog<'a> {
        let mut order: Vec<usize> = (0..inputs.len()).collect();
        order.sort_by(|a, b| inputs[*a].path.cmp(&inputs[*b].path));
        let mut taken = HashSet::new();
        let mut matrices: Vec<Matrix<'a>> = order
            .into_iter()
            .map(|at| {
                let input = &inputs[at];
                let file_name = input.path.rsplit('/').next().unwrap_or(&input.path);
                Matrix {
                    input,
                    slug: unique_slug(names::slug(&input.path), &mut taken),
                    provider: names::provider_of(&input.document),
                    locale: split_locale(file_name).map(|(_, locale)| locale),
                    page: 0,
                    diagnostics: raci_lint::lint(&input.document, &options.config),
                }
            })
            .collect();

        // Pages: files of one folder with the same name but for the locale.
        let mut by_key: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (at, matrix) in matrices.iter().enumerate() {
            let path = &matrix.input.path;
            let (folder, file_name) = path.rsplit_once('/').unwrap_or(("", path));
            let key = match split_locale(file_name) {
                Some((stem, _)) if folder.is_empty() => stem,
                Some((stem, _)) => format!("{folder}/{stem}"),
                None => path.clone(),
            };
            by_key.entry(key).or_default().push(at);
        }
        let mut drift_slugs = HashSet::new();
        let mut pages = Vec::new();
        for (key, mut members) in by_key {
            members.sort_by(|a, b| matrices[*a].locale.cmp(&matrices[*b].locale));
            let locales: Vec<&str> = members
                .iter()
                .map(|m| matrices[*m].locale.as_deref().unwrap_or(""))
                .collect();
            let base = members[pick_base(&locales, &options.base_locale).unwrap_or(0)];
            let document = matrices[base].document();
            let provider = matrices[base].provider.as_deref();
            let folder = key.rsplit_once('/').map(|(folder, _)| folder);
            let localized = matrices[base].locale.is_some();
            let named = document
                .title
                .as_deref()
                .and_then(|title| names::service_from_title(title, provider))
                .or_else(|| {
                    folder
                        .filter(|_| localized)
                        .and_then(names::service_from_folder)
                });
            let kind = kind_of(document, named.is_none());
            let drift_slug =
                (members.len() > 1).then(|| unique_slug(names::slug(&key), &mut drift_slugs));
            for member in &members {
                matrices[*member].page = pages.len();
            }
            pages.push(Page {
                service: named.clone().unwrap_or_default(),
                named: named.is_some(),
                key,
                members,
                base,
                kind,
                drift_slug,
            });
        }
        // A page whose title names no service takes the name of a page of
        // the same provider and kind that does, else the kind's.
        for at in 0..pages.len() {
            if pages[at].named {
                continue;
            }
            let provider = &matrices[pages[at].base].provider;
            let sibling = pages.iter().find(|other| {
                other.named
                    && other.kind.is_some()
                    && other.kind == pages[at].kind
                    && matrices[other.base].provider == *provider
            });
            let page = &pages[at];
            let service = sibling
                .map(|other| other.service.clone())
                .or_else(|| page.kind.map(names::capitalized))
                .unwrap_or_else(|| page.key.rsplit('/').next().unwrap_or(&page.key).to_owned());
            pages[at].service = service;
        }
        Catalog { matrices, pages }
    }

    /// The page of matrix `at`.
    pub fn page_of(&self, at: usize) -> &Page {
        &self.pages[self.matrices[at].page]
    }

    /// The matrices by provider, then by service, in name order; matrices
    /// with no provider come last. Each service holds its pages' matrices.
    pub fn by_provider(&self) -> Vec<ProviderGroup> {
        // (no provider, provider folded) → service folded → service
        let mut providers: BTreeMap<(bool, String), BTreeMap<String, ServiceGroup>> =
            BTreeMap::new();
        for page in &self.pages {
            let provider = &self.matrices[page.base].provider;
            let services = providers
                .entry((
                    provider.is_none(),
                    provider.as_deref().unwrap_or_default().to_lowercase(),
                ))
                .or_default();
            services
                .entry(raci_model::text::fold(&page.service))
                .or_insert_with(|| ServiceGroup {
                    name: page.service.clone(),
                    matrices: Vec::new(),
                })
                .matrices
                .extend(&page.members);
        }
        providers
            .into_values()
            .map(|services| {
                let first = services.values().next().and_then(|s| s.matrices.first());
                ProviderGroup {
                    provider: first.and_then(|m| self.matrices[*m].provider.clone()),
                    services: services.into_values().collect(),
                }
            })
            .collect()
    }

    /// The matrices with the id of each activity that has findings.
    pub fn findings_by_activity(&self, at: usize) -> HashMap<&str, Vec<&Diagnostic>> {
        let matrix = &self.matrices[at];
        let ids: HashSet<&str> = matrix
            .document()
            .activities
            .iter()
            .map(|a| a.id.as_str())
            .collect();
        let mut by_activity: HashMap<&str, Vec<&Diagnostic>> = HashMap::new();
        for diagnostic in &matrix.diagnostics {
            if let Some(id) = diagnostic.activity.as_deref().filter(|id| ids.contains(id)) {
                by_activity.entry(id).or_default().push(diagnostic);
            }
        }
        by_activity
    }
}

/// The kind of service a document is about: the one its title names (or its
/// headings and prose, clearly); for a title that names no service at all,
/// the first kind its introduction names.
fn kind_of(document: &Document, untitled: bool) -> Option<&'static str> {
    raci_lint::service_kinds(document)
        .first()
        .copied()
        .or_else(|| {
            if !untitled {
                return None;
            }
            document.facts.prose.iter().take(3).find_map(|prose| {
                raci_lint::service_kinds_named_in(&prose.text)
                    .first()
                    .copied()
            })
        })
}

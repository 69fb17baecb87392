// Export and import of an organization, and its purge with a signed destruction record.
//
// Rows are read and written generically, column by column, as the
// database's own catalog describes them (both engines keep only integers,
// text, booleans and bytes here); `crate::tenancy::tables` says which rows
// belong to an organization and which columns point at other rows.
use std::collections::{BTreeMap, BTreeSet, HashMap};

use async_trait::async_trait;
use serde_json::{json, Value};
use sqlx::Row;

use crate::chain::sha256_hex;
use crate::tenancy::tables::{self, quote, Scrub, Table, Transfer, TABLES};
use crate::tenancy::{
    instance_key_from_hex, new_instance_key, read_archive, sign, write_archive, Catalog,
    ExportedOrg, Manifest, TableDump, EXPORT_FORMAT, EXPORT_VERSION,
};
use crate::{
    check_chain, AuditEntry, DestructionRecord, Edition, ImportReport, ImportedChain, OrgKind,
    Organization, Result, Service, StoreError,
};

/// How a column's values are read and bound.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Int,
    Text,
    Bool,
    Bytes,
}

#[derive(Debug, Clone)]
struct Column {
    name: String,
    kind: Kind,
    nullable: bool,
}

fn kind_of(declared: &str) -> Kind {
    let t = declared.to_ascii_lowercase();
    if t.contains("int") {
        Kind::Int
    } else if t.contains("bool") {
        Kind::Bool
    } else if t.contains("blob") || t.contains("bytea") {
        Kind::Bytes
    } else {
        Kind::Text
    }
}

/// The columns of a table, in order; none when the table does not exist.
async fn columns(conn: &mut Conn, table: &str) -> Result<Vec<Column>> {
    let rows: Vec<(String, String, i64)> = if BACKEND == "postgres" {
        sqlx::query_as(
            "SELECT column_name::text, data_type::text, \
             CASE WHEN is_nullable = 'YES' THEN 1 ELSE 0 END::bigint \
             FROM information_schema.columns \
             WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position",
        )
        .bind(table)
        .fetch_all(&mut *conn)
        .await?
    } else {
        sqlx::query_as(
            "SELECT name, type, CASE WHEN \"notnull\" = 0 AND pk = 0 THEN 1 ELSE 0 END \
             FROM pragma_table_info($1) ORDER BY cid",
        )
        .bind(table)
        .fetch_all(&mut *conn)
        .await?
    };
    Ok(rows
        .into_iter()
        .map(|(name, declared, nullable)| Column {
            name,
            kind: kind_of(&declared),
            nullable: nullable != 0,
        })
        .collect())
}

async fn db_tables(conn: &mut Conn) -> Result<Vec<String>> {
    let rows: Vec<(String,)> = if BACKEND == "postgres" {
        sqlx::query_as(
            "SELECT table_name::text FROM information_schema.tables \
             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1",
        )
        .fetch_all(&mut *conn)
        .await?
    } else {
        sqlx::query_as(
            "SELECT name FROM sqlite_master WHERE type = 'table' \
             AND name NOT LIKE 'sqlite_%' ORDER BY 1",
        )
        .fetch_all(&mut *conn)
        .await?
    };
    Ok(rows.into_iter().map(|(n,)| n).collect())
}

/// The instance key pair, made on first use. Every server on the database
/// reads the same row; concurrent first uses keep whichever was written
/// first.
async fn instance_key(conn: &mut Conn) -> Result<(String, ed25519_dalek::SigningKey)> {
    const SELECT: &str = "SELECT public_key, secret_key FROM instance_keys WHERE id = 1";
    let mut found: Option<(String, String)> =
        sqlx::query_as(SELECT).fetch_optional(&mut *conn).await?;
    if found.is_none() {
        let (public, secret) = new_instance_key()?;
        sqlx::query(
            "INSERT INTO instance_keys (id, public_key, secret_key, created_at) \
             VALUES (1, $1, $2, $3) ON CONFLICT (id) DO NOTHING",
        )
        .bind(&public)
        .bind(&secret)
        .bind(crate::now_ms())
        .execute(&mut *conn)
        .await?;
        found = sqlx::query_as(SELECT).fetch_optional(&mut *conn).await?;
    }
    let (public, secret) = found.ok_or_else(|| StoreError::not_found("instance key", 1))?;
    Ok((public, instance_key_from_hex(&secret)?))
}

pub(crate) async fn public_key(conn: &mut Conn) -> Result<String> {
    Ok(instance_key(conn).await?.0)
}

/// The rows of `table` matching `where_sql` (with the organization as `$1`);
/// binary values go to `files` by sha256. None when the table is absent.
async fn dump(
    conn: &mut Conn,
    table: &str,
    where_sql: &str,
    org: i64,
    files: &mut BTreeMap<String, Vec<u8>>,
) -> Result<Option<TableDump>> {
    let cols = columns(conn, table).await?;
    if cols.is_empty() {
        return Ok(None);
    }
    let select: Vec<String> = cols.iter().map(|c| quote(&c.name)).collect();
    let order = if cols.iter().any(|c| c.name == "id") {
        " ORDER BY \"id\""
    } else {
        ""
    };
    let sql = format!(
        "SELECT {} FROM {} WHERE {where_sql}{order}",
        select.join(", "),
        quote(table)
    );
    let rows = sqlx::query(&sql).bind(org).fetch_all(&mut *conn).await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in &rows {
        let mut values = Vec::with_capacity(cols.len());
        for (i, c) in cols.iter().enumerate() {
            values.push(match c.kind {
                Kind::Int => row
                    .try_get::<Option<i64>, _>(i)?
                    .map_or(Value::Null, Value::from),
                Kind::Text => row
                    .try_get::<Option<String>, _>(i)?
                    .map_or(Value::Null, Value::from),
                Kind::Bool => row
                    .try_get::<Option<bool>, _>(i)?
                    .map_or(Value::Null, Value::from),
                Kind::Bytes => match row.try_get::<Option<Vec<u8>>, _>(i)? {
                    None => Value::Null,
                    Some(bytes) => {
                        let hash = sha256_hex(&bytes);
                        files.insert(format!("files/{hash}"), bytes);
                        json!({ "file": hash })
                    }
                },
            });
        }
        out.push(values);
    }
    Ok(Some(TableDump {
        columns: cols.into_iter().map(|c| c.name).collect(),
        rows: out,
    }))
}

fn scrub(t: &Table, dump: &mut TableDump) {
    for &(col, how) in t.scrub {
        let Some(i) = dump.columns.iter().position(|c| c == col) else {
            continue;
        };
        let value = match how {
            Scrub::EmptyText => Value::from(""),
            Scrub::False => Value::from(false),
        };
        for row in &mut dump.rows {
            if let Some(v) = row.get_mut(i) {
                *v = value.clone();
            }
        }
    }
}

/// Notes the users a dump holds (`own`) and those its rows point at (`named`).
fn collect_users(t: &Table, d: &TableDump, own: &mut BTreeSet<i64>, named: &mut BTreeSet<i64>) {
    let at = |col: &str| d.columns.iter().position(|c| c == col);
    let ids = |i: usize| {
        d.rows
            .iter()
            .filter_map(move |r| r.get(i).and_then(Value::as_i64))
    };
    if t.name == "users" {
        if let Some(i) = at("id") {
            own.extend(ids(i));
        }
    }
    for &(col, parent) in t.refs {
        if let (true, Some(i)) = (parent == "users", at(col)) {
            named.extend(ids(i));
        }
    }
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<Vec<u8>> {
    serde_json::to_vec(value).map_err(|e| StoreError::Unusable(format!("cannot encode: {e}")))
}

/// What the customer's subscriptions are bound to, from other organizations.
async fn catalog(conn: &mut Conn, org: i64) -> Result<Catalog> {
    let services: Vec<Service> = sqlx::query_as(
        "SELECT id, provider, slug, name, created_at FROM services \
         WHERE provider <> $1 AND id IN (SELECT service FROM subscriptions WHERE customer = $1) \
         ORDER BY id",
    )
    .bind(org)
    .fetch_all(&mut *conn)
    .await?;
    let editions: Vec<Edition> = sqlx::query_as(
        "SELECT id, service, number, published_at, document_json, content_hash FROM editions \
         WHERE service IN (SELECT id FROM services WHERE provider <> $1 AND id IN \
         (SELECT service FROM subscriptions WHERE customer = $1)) ORDER BY id",
    )
    .bind(org)
    .fetch_all(&mut *conn)
    .await?;
    let providers: Vec<(i64, String)> = sqlx::query_as(
        "SELECT id, name FROM organizations WHERE id IN (SELECT provider FROM services \
         WHERE provider <> $1 AND id IN (SELECT service FROM subscriptions WHERE customer = $1))",
    )
    .bind(org)
    .fetch_all(&mut *conn)
    .await?;
    Ok(Catalog {
        providers: providers.into_iter().collect(),
        services,
        editions,
        users: BTreeMap::new(),
    })
}

/// Builds the archive of everything `org` owns, in the caller's transaction.
pub(crate) async fn export(conn: &mut Conn, actor: &str, org: i64) -> Result<Vec<u8>> {
    let subject = format!("organization:{org}");
    super::audit::append(
        conn,
        org,
        actor,
        "organization.export",
        &subject,
        &json!({}),
    )
    .await?;
    let (name, kind, created_at, audit_seq, audit_head): (String, OrgKind, i64, i64, String) =
        sqlx::query_as(
            "SELECT name, kind, created_at, audit_seq, audit_head FROM organizations WHERE id = $1",
        )
        .bind(org)
        .fetch_one(&mut *conn)
        .await?;
    let instance = public_key(conn).await?;
    let mut entries = BTreeMap::new();
    let mut files = BTreeMap::new();
    let mut counts = BTreeMap::new();
    let (mut own_users, mut named_users) = (BTreeSet::new(), BTreeSet::new());
    let travelling = TABLES.iter().filter(|t| t.transfer == Transfer::Travels);
    let with_where = travelling
        .map(|t| (t.name, tables::owned_where(t), Some(t)))
        .chain(std::iter::once((
            "audit_log",
            "\"org\" = $1".to_owned(),
            None,
        )));
    for (name, where_sql, table) in with_where {
        let Some(mut d) = dump(conn, name, &where_sql, org, &mut files).await? else {
            continue;
        };
        if let Some(t) = table {
            scrub(t, &mut d);
            collect_users(t, &d, &mut own_users, &mut named_users);
        }
        counts.insert(name.to_owned(), d.rows.len() as u64);
        entries.insert(format!("tables/{name}.json"), to_json(&d)?);
    }
    let mut catalog = catalog(conn, org).await?;
    for &user in named_users.difference(&own_users) {
        let email: Option<(String,)> = sqlx::query_as("SELECT email FROM users WHERE id = $1")
            .bind(user)
            .fetch_optional(&mut *conn)
            .await?;
        if let Some((email,)) = email {
            catalog.users.insert(user, email);
        }
    }
    if !catalog.services.is_empty() || !catalog.users.is_empty() {
        entries.insert("catalog.json".to_owned(), to_json(&catalog)?);
    }
    entries.extend(files);
    let manifest = Manifest {
        format: EXPORT_FORMAT.to_owned(),
        version: EXPORT_VERSION,
        instance,
        exported_at: crate::now_ms(),
        organization: ExportedOrg {
            id: org,
            name,
            kind,
            created_at,
            audit_seq,
            audit_head,
        },
        tables: counts,
        files: BTreeMap::new(),
    };
    write_archive(manifest, &entries)
}

/// Old id → new id, per table, filled as rows are inserted.
type IdMap = HashMap<&'static str, HashMap<i64, i64>>;

/// A value ready to bind.
enum Bound {
    Int(Option<i64>),
    Text(Option<String>),
    Bool(Option<bool>),
    Bytes(Option<Vec<u8>>),
}

fn bound(
    table: &str,
    col: &Column,
    value: &Value,
    files: &BTreeMap<String, Vec<u8>>,
) -> Result<Bound> {
    let wrong = || {
        StoreError::Unusable(format!(
            "tables/{table}.json: column {} holds an unexpected value {value}",
            col.name
        ))
    };
    if value.is_null() {
        return Ok(match col.kind {
            Kind::Int => Bound::Int(None),
            Kind::Text => Bound::Text(None),
            Kind::Bool => Bound::Bool(None),
            Kind::Bytes => Bound::Bytes(None),
        });
    }
    Ok(match col.kind {
        Kind::Int => Bound::Int(Some(
            value
                .as_i64()
                .or_else(|| value.as_bool().map(i64::from))
                .ok_or_else(wrong)?,
        )),
        Kind::Text => Bound::Text(Some(value.as_str().ok_or_else(wrong)?.to_owned())),
        Kind::Bool => Bound::Bool(Some(
            value
                .as_bool()
                .or_else(|| value.as_i64().map(|n| n != 0))
                .ok_or_else(wrong)?,
        )),
        Kind::Bytes => {
            let hash = value
                .get("file")
                .and_then(Value::as_str)
                .ok_or_else(wrong)?;
            let bytes = files.get(&format!("files/{hash}")).ok_or_else(|| {
                StoreError::Unusable(format!("files/{hash} is missing from the archive"))
            })?;
            Bound::Bytes(Some(bytes.clone()))
        }
    })
}

/// Inserts one table's rows with new ids and remapped foreign keys; returns
/// (rows inserted, rows skipped).
async fn import_table(
    conn: &mut Conn,
    t: &'static Table,
    d: &TableDump,
    org: (i64, i64),
    ids: &mut IdMap,
    files: &BTreeMap<String, Vec<u8>>,
) -> Result<(u64, u64)> {
    let target = columns(conn, t.name).await?;
    if target.is_empty() {
        return Err(StoreError::Unusable(format!(
            "table {} does not exist on this instance",
            t.name
        )));
    }
    let mut cols = Vec::with_capacity(d.columns.len());
    for name in &d.columns {
        let c = target.iter().find(|c| &c.name == name).ok_or_else(|| {
            StoreError::Unusable(format!(
                "tables/{}.json: column {name} is unknown to this instance",
                t.name
            ))
        })?;
        cols.push(c);
    }
    let id_at = cols.iter().position(|c| c.name == "id");
    let inserted: Vec<&&Column> = cols.iter().filter(|c| c.name != "id").collect();
    let placeholders: Vec<String> = (1..=inserted.len()).map(|i| format!("${i}")).collect();
    let names: Vec<String> = inserted.iter().map(|c| quote(&c.name)).collect();
    let sql = format!(
        "INSERT INTO {} ({}) VALUES ({}){}",
        quote(t.name),
        names.join(", "),
        placeholders.join(", "),
        if id_at.is_some() { " RETURNING id" } else { "" }
    );
    let (mut done, mut skipped) = (0, 0);
    'rows: for row in &d.rows {
        if row.len() != cols.len() {
            return Err(StoreError::Unusable(format!(
                "tables/{}.json: a row has {} values for {} columns",
                t.name,
                row.len(),
                cols.len()
            )));
        }
        let mut values = Vec::with_capacity(inserted.len());
        for (c, v) in cols.iter().zip(row) {
            if c.name == "id" {
                continue;
            }
            let reference = t.refs.iter().find(|(col, _)| *col == c.name);
            let v = match (reference, v.as_i64()) {
                (Some(&(_, parent)), Some(old)) => {
                    let new = if parent == "organizations" {
                        (old == org.0).then_some(org.1)
                    } else {
                        ids.get(parent).and_then(|m| m.get(&old)).copied()
                    };
                    match new {
                        Some(n) => Value::from(n),
                        // A row of another organization that did not travel.
                        None if c.nullable => Value::Null,
                        None => {
                            skipped += 1;
                            continue 'rows;
                        }
                    }
                }
                _ => v.clone(),
            };
            values.push(bound(t.name, c, &v, files)?);
        }
        let mut q = sqlx::query(&sql);
        for v in values {
            q = match v {
                Bound::Int(v) => q.bind(v),
                Bound::Text(v) => q.bind(v),
                Bound::Bool(v) => q.bind(v),
                Bound::Bytes(v) => q.bind(v),
            };
        }
        match id_at {
            Some(i) => {
                let new: i64 = q.fetch_one(&mut *conn).await?.try_get(0)?;
                if let Some(old) = row.get(i).and_then(Value::as_i64) {
                    ids.entry(t.name).or_default().insert(old, new);
                }
            }
            None => {
                q.execute(&mut *conn).await?;
            }
        }
        done += 1;
    }
    Ok((done, skipped))
}

/// Binds the catalog a customer brought to this instance's: the same
/// provider (by name) and service (by slug) when present, else new ones;
/// editions by number, which must hold the same document; other
/// organizations' users by e-mail, when this instance has them.
async fn import_catalog(conn: &mut Conn, actor: &str, c: &Catalog, ids: &mut IdMap) -> Result<()> {
    for (&old, email) in &c.users {
        let found: Option<(i64,)> = sqlx::query_as("SELECT id FROM users WHERE email = $1")
            .bind(email)
            .fetch_optional(&mut *conn)
            .await?;
        if let Some((new,)) = found {
            ids.entry("users").or_default().insert(old, new);
        }
    }
    for s in &c.services {
        let provider_name = c.providers.get(&s.provider).ok_or_else(|| {
            StoreError::Unusable(format!("catalog.json: provider {} is missing", s.provider))
        })?;
        let existing: Option<(i64,)> = sqlx::query_as(
            "SELECT s.id FROM services s JOIN organizations o ON o.id = s.provider \
             WHERE o.name = $1 AND o.kind = 'provider' AND s.slug = $2 ORDER BY s.id LIMIT 1",
        )
        .bind(provider_name)
        .bind(&s.slug)
        .fetch_optional(&mut *conn)
        .await?;
        let service = match existing {
            Some((id,)) => id,
            None => {
                let provider: Option<(i64,)> = sqlx::query_as(
                    "SELECT id FROM organizations WHERE name = $1 AND kind = 'provider' \
                     ORDER BY id LIMIT 1",
                )
                .bind(provider_name)
                .fetch_optional(&mut *conn)
                .await?;
                let provider = match provider {
                    Some((id,)) => id,
                    None => {
                        let o = super::accounts::insert_organization(
                            conn,
                            provider_name,
                            OrgKind::Provider,
                        )
                        .await?;
                        let details = json!({"name": o.name, "kind": o.kind, "imported": true});
                        let subject = format!("organization:{}", o.id);
                        super::audit::append(
                            conn,
                            o.id,
                            actor,
                            "organization.create",
                            &subject,
                            &details,
                        )
                        .await?;
                        o.id
                    }
                };
                let new = super::catalog::insert_service(conn, provider, &s.slug, &s.name).await?;
                let details = json!({"slug": new.slug, "name": new.name, "imported": true});
                let subject = format!("service:{}", new.id);
                super::audit::append(conn, provider, actor, "service.create", &subject, &details)
                    .await?;
                new.id
            }
        };
        ids.entry("services").or_default().insert(s.id, service);
    }
    for e in &c.editions {
        let Some(&service) = ids.get("services").and_then(|m| m.get(&e.service)) else {
            continue;
        };
        if sha256_hex(e.document_json.as_bytes()) != e.content_hash {
            return Err(StoreError::Unusable(format!(
                "catalog.json: edition {} does not hash to its content_hash",
                e.id
            )));
        }
        let existing: Option<(i64, String)> = sqlx::query_as(
            "SELECT id, content_hash FROM editions WHERE service = $1 AND number = $2",
        )
        .bind(service)
        .bind(e.number)
        .fetch_optional(&mut *conn)
        .await?;
        let id = match existing {
            Some((id, hash)) if hash == e.content_hash => id,
            Some(_) => {
                return Err(StoreError::Conflict(format!(
                    "edition {} of service {service} differs on this instance",
                    e.number
                )))
            }
            None => {
                let (id,): (i64,) = sqlx::query_as(
                    "INSERT INTO editions (service, number, published_at, document_json, \
                     content_hash) VALUES ($1, $2, $3, $4, $5) RETURNING id",
                )
                .bind(service)
                .bind(e.number)
                .bind(e.published_at)
                .bind(&e.document_json)
                .bind(&e.content_hash)
                .fetch_one(&mut *conn)
                .await?;
                let provider = super::catalog::service(conn, service).await?.provider;
                let details = json!({"service": service, "number": e.number,
                    "content_hash": e.content_hash, "imported": true});
                let subject = format!("edition:{id}");
                super::audit::append(conn, provider, actor, "edition.publish", &subject, &details)
                    .await?;
                id
            }
        };
        ids.entry("editions").or_default().insert(e.id, id);
    }
    Ok(())
}

fn audit_entries(d: &TableDump) -> Result<Vec<AuditEntry>> {
    let mut entries = Vec::with_capacity(d.rows.len());
    for row in &d.rows {
        let object: serde_json::Map<String, Value> =
            d.columns.iter().cloned().zip(row.iter().cloned()).collect();
        let entry: AuditEntry = serde_json::from_value(Value::Object(object))
            .map_err(|e| StoreError::Unusable(format!("tables/audit_log.json: {e}")))?;
        entries.push(entry);
    }
    entries.sort_by_key(|e| e.seq);
    Ok(entries)
}

/// Creates the organization of an archive, in the caller's transaction.
///
/// The imported audit log is kept verbatim in `imported_audit`: its hashes
/// cover the original organization id, so rewriting the rows under the new
/// id would either break them or forge new ones. The organization's own
/// chain starts afresh with an `organization.import` entry recording the
/// old head, which ties the two together: `verify_audit_chain` passes on
/// the new chain, and the old one still verifies against its own head.
pub(crate) async fn import(conn: &mut Conn, actor: &str, archive: &[u8]) -> Result<ImportReport> {
    let (manifest, files) = read_archive(archive)?;
    let load = |name: &str| -> Result<Option<TableDump>> {
        files
            .get(&format!("tables/{name}.json"))
            .map(|bytes| {
                serde_json::from_slice(bytes)
                    .map_err(|e| StoreError::Unusable(format!("tables/{name}.json: {e}")))
            })
            .transpose()
    };
    for path in files.keys() {
        let Some(name) = path
            .strip_prefix("tables/")
            .and_then(|p| p.strip_suffix(".json"))
        else {
            continue;
        };
        let known = name == "audit_log"
            || tables::table(name).is_some_and(|t| t.transfer == Transfer::Travels);
        if !known {
            return Err(StoreError::Unusable(format!(
                "the archive holds table {name}, which this instance does not import"
            )));
        }
    }
    let old = &manifest.organization;
    let audit = audit_entries(&load("audit_log")?.unwrap_or_default())?;
    if let Some(e) = audit.iter().find(|e| e.org != old.id) {
        return Err(StoreError::Unusable(format!(
            "audit entry {} belongs to organization {}, not {}",
            e.seq, e.org, old.id
        )));
    }
    check_chain(&audit, Some((old.audit_seq, &old.audit_head))).map_err(|b| {
        StoreError::Unusable(format!(
            "the archive's audit chain is broken at entry {}: {}",
            b.seq, b.reason
        ))
    })?;

    let organization: Organization = sqlx::query_as(
        "INSERT INTO organizations (name, kind, created_at) VALUES ($1, $2, $3) \
         RETURNING id, name, kind, created_at",
    )
    .bind(&old.name)
    .bind(old.kind.as_str())
    .bind(old.created_at)
    .fetch_one(&mut *conn)
    .await?;
    let mut ids = IdMap::new();
    if let Some(bytes) = files.get("catalog.json") {
        let catalog: Catalog = serde_json::from_slice(bytes)
            .map_err(|e| StoreError::Unusable(format!("catalog.json: {e}")))?;
        import_catalog(conn, actor, &catalog, &mut ids).await?;
    }
    let mut counts = BTreeMap::new();
    let mut skipped = BTreeMap::new();
    let org = (old.id, organization.id);
    for t in TABLES.iter().filter(|t| t.transfer == Transfer::Travels) {
        let Some(d) = load(t.name)? else { continue };
        let (n, s) = import_table(conn, t, &d, org, &mut ids, &files).await?;
        counts.insert(t.name.to_owned(), n);
        if s > 0 {
            skipped.insert(t.name.to_owned(), s);
        }
    }
    for sql in tables::AFTER_IMPORT {
        sqlx::query(sql)
            .bind(organization.id)
            .execute(&mut *conn)
            .await?;
    }
    let now = crate::now_ms();
    for e in &audit {
        sqlx::query(
            "INSERT INTO imported_audit (org, original_org, seq, at, actor, action, subject, \
             details_json, prev_hash, hash, imported_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        )
        .bind(organization.id)
        .bind(e.org)
        .bind(e.seq)
        .bind(e.at)
        .bind(&e.actor)
        .bind(&e.action)
        .bind(&e.subject)
        .bind(&e.details_json)
        .bind(&e.prev_hash)
        .bind(&e.hash)
        .bind(now)
        .execute(&mut *conn)
        .await?;
    }
    *counts.entry("imported_audit".to_owned()).or_insert(0) += audit.len() as u64;
    let details = json!({
        "original_org": old.id,
        "original_instance": manifest.instance,
        "exported_at": manifest.exported_at,
        "original_audit_seq": old.audit_seq,
        "original_audit_head": old.audit_head,
        "tables": counts,
        "skipped": skipped,
    });
    let subject = format!("organization:{}", organization.id);
    super::audit::append(
        conn,
        organization.id,
        actor,
        "organization.import",
        &subject,
        &details,
    )
    .await?;
    Ok(ImportReport {
        organization,
        original_id: old.id,
        tables: counts,
        skipped,
    })
}

/// Deletes everything `org` owns, children first, and keeps the signed
/// record of it; in the caller's transaction.
pub(crate) async fn purge(conn: &mut Conn, actor: &str, org: i64) -> Result<DestructionRecord> {
    // Touching the row locks it: no audit entry can slip in meanwhile.
    let (name, kind, audit_seq, audit_head): (String, OrgKind, i64, String) = sqlx::query_as(
        "UPDATE organizations SET audit_seq = audit_seq WHERE id = $1 \
         RETURNING name, kind, audit_seq, audit_head",
    )
    .bind(org)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| StoreError::not_found("organization", org))?;
    if kind == OrgKind::Provider {
        let (others,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM subscriptions WHERE customer <> $1 \
             AND service IN (SELECT id FROM services WHERE provider = $1)",
        )
        .bind(org)
        .fetch_one(&mut *conn)
        .await?;
        if others > 0 {
            return Err(StoreError::Conflict(format!(
                "provider {name} cannot be purged: its services still have {others} \
                 subscription(s) of other customers"
            )));
        }
    }
    let mut counts = BTreeMap::new();
    let mut destroyed = BTreeSet::new();
    for t in TABLES.iter().rev() {
        let cols = columns(conn, t.name).await?;
        if cols.is_empty() {
            continue;
        }
        let where_sql = tables::purged_where(t);
        for c in cols.iter().filter(|c| c.kind == Kind::Bytes) {
            let sql = format!(
                "SELECT {col} FROM {table} WHERE {where_sql} AND {col} IS NOT NULL",
                col = quote(&c.name),
                table = quote(t.name)
            );
            let blobs: Vec<(Vec<u8>,)> =
                sqlx::query_as(&sql).bind(org).fetch_all(&mut *conn).await?;
            destroyed.extend(blobs.iter().map(|(b,)| sha256_hex(b)));
        }
        let sql = format!("DELETE FROM {} WHERE {where_sql}", quote(t.name));
        let n = sqlx::query(&sql)
            .bind(org)
            .execute(&mut *conn)
            .await?
            .rows_affected();
        counts.insert(t.name, n);
    }
    let n = sqlx::query("DELETE FROM audit_log WHERE org = $1")
        .bind(org)
        .execute(&mut *conn)
        .await?
        .rows_affected();
    counts.insert("audit_log", n);
    let n = sqlx::query("DELETE FROM organizations WHERE id = $1")
        .bind(org)
        .execute(&mut *conn)
        .await?
        .rows_affected();
    counts.insert("organizations", n);
    let (public, key) = instance_key(conn).await?;
    let purged_at = crate::now_ms();
    let record = json!({
        "format": "raci-destruction-record",
        "version": 1,
        "instance": public,
        "organization": {"id": org, "name": name, "kind": kind},
        "purged_at": purged_at,
        "purged_by": actor,
        "tables": counts,
        "files_sha256": destroyed,
        "audit_head": {"seq": audit_seq, "hash": audit_head},
    });
    let record_json = record.to_string();
    let signature = sign(&key, &record_json);
    Ok(sqlx::query_as(
        "INSERT INTO destruction_records (org, record_json, signature, public_key, purged_at) \
         VALUES ($1, $2, $3, $4, $5) \
         RETURNING id, org, record_json, signature, public_key, purged_at",
    )
    .bind(org)
    .bind(&record_json)
    .bind(&signature)
    .bind(&public)
    .bind(purged_at)
    .fetch_one(&mut *conn)
    .await?)
}

/// Checks each chain an import brought, against the head its
/// `organization.import` entry recorded (in the live chain, or in an older
/// imported one for an organization that moved twice).
pub(crate) async fn imported_chains(
    conn: &mut Conn,
    org: i64,
    live: &[AuditEntry],
) -> Result<Vec<ImportedChain>> {
    let rows: Vec<AuditEntry> = sqlx::query_as(
        "SELECT id, original_org AS org, seq, at, actor, action, subject, details_json, \
         prev_hash, hash FROM imported_audit WHERE org = $1 ORDER BY original_org, seq",
    )
    .bind(org)
    .fetch_all(&mut *conn)
    .await?;
    let mut heads = HashMap::new();
    for e in live.iter().chain(&rows) {
        if e.action != "organization.import" {
            continue;
        }
        let Ok(d) = serde_json::from_str::<Value>(&e.details_json) else {
            continue;
        };
        if let (Some(o), Some(s), Some(h)) = (
            d["original_org"].as_i64(),
            d["original_audit_seq"].as_i64(),
            d["original_audit_head"].as_str(),
        ) {
            heads.insert(o, (s, h.to_owned()));
        }
    }
    let mut chains = Vec::new();
    for group in rows.chunk_by(|a, b| a.org == b.org) {
        let original_org = group[0].org;
        let head = heads.get(&original_org).map(|(s, h)| (*s, h.as_str()));
        let broken = match head {
            Some(_) => check_chain(group, head).err(),
            None => Some(crate::ChainBreak {
                seq: 1,
                reason: "no import entry records this chain's head".to_owned(),
            }),
        };
        chains.push(ImportedChain {
            original_org,
            entries: group.len(),
            broken,
        });
    }
    Ok(chains)
}

#[async_trait]
impl crate::TenancyReads for super::handle::Handle {
    async fn destruction_records(&mut self) -> Result<Vec<DestructionRecord>> {
        Ok(sqlx::query_as(
            "SELECT id, org, record_json, signature, public_key, purged_at \
             FROM destruction_records ORDER BY id",
        )
        .fetch_all(self.conn())
        .await?)
    }

    async fn undeclared_tables(&mut self) -> Result<Vec<String>> {
        let declared = crate::declared_tables();
        let present = db_tables(self.conn()).await?;
        Ok(present
            .into_iter()
            .filter(|t| !declared.contains(&t.as_str()))
            .collect())
    }
}

#[async_trait]
impl crate::TenancyWrites for super::handle::Handle {
    async fn export_organization(&mut self, actor: &str, org: i64) -> Result<Vec<u8>> {
        export(self.conn(), actor, org).await
    }

    async fn import_organization(&mut self, actor: &str, archive: &[u8]) -> Result<ImportReport> {
        import(self.conn(), actor, archive).await
    }

    async fn purge_organization(&mut self, actor: &str, org: i64) -> Result<DestructionRecord> {
        purge(self.conn(), actor, org).await
    }

    async fn instance_public_key(&mut self) -> Result<String> {
        public_key(self.conn()).await
    }
}

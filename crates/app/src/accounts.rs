// SPDX-License-Identifier: EUPL-1.2
//! Accounts: passwords (argon2id), login with its limits, sessions and CSRF tokens, API keys,
//! users, roles and organisations. The API, the beheer pages and the command line call these
//! same functions, with one e-mail check.
//!
//! Limits, each held under parallel requests:
//! - **Failed logins.** Each attempt for an e-mail address is counted, and the count read, in
//!   one statement *before* the password is checked; beyond [`MAX_FAILED_LOGINS`] in
//!   [`LOCKOUT_SECONDS`] the password is not checked at all. A successful login clears the count.
//! - **Password checks at once.** argon2id takes about 19 MiB per check; at most
//!   [`PASSWORD_CHECKS`] run at the same time. A login that cannot start one within
//!   [`PASSWORD_WAIT`] is refused as busy, without checking, so a flood of logins (also for
//!   unknown addresses) costs neither unbounded memory nor unbounded time.
//! - Unknown addresses get the same answer, in about the same time, as wrong passwords.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use argon2::password_hash::rand_core::{OsRng, RngCore};
use argon2::password_hash::{PasswordHash, PasswordHasher, SaltString};
use argon2::Argon2;
use samenhang_domain::access::{OrganisationKind, Principal, Role, UserRef};
use samenhang_domain::codes::LabourMarketRegionCode;
use samenhang_store::accounts::{Organisation, RoleAssignment, Session, User};
use samenhang_store::items::AuditEntry;
use samenhang_store::{Page, Paging, Store, StoreError};
use sha2::{Digest, Sha256};

use crate::error::fault;
use crate::records::require_user;
use crate::{App, AppError};

/// How long a session lasts: 8 hours, one working day.
pub const SESSION_SECONDS: i64 = 8 * 3600;
/// Failed logins allowed per account within [`LOCKOUT_SECONDS`].
pub const MAX_FAILED_LOGINS: u64 = 5;
/// The window of the failed-login limit: 15 minutes.
pub const LOCKOUT_SECONDS: i64 = 15 * 60;
/// Shortest password accepted.
pub const MIN_PASSWORD_CHARS: usize = 12;
/// Password checks (argon2id, ~19 MiB each) that may run at the same time.
pub const PASSWORD_CHECKS: usize = 4;
/// How long a login waits for a password check to become free before it is refused as busy.
pub const PASSWORD_WAIT: Duration = Duration::from_secs(5);

/// A new random token (hex, 64 characters).
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    hex(&bytes)
}

/// The SHA-256 of a token, as stored.
pub fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Compares two secrets in time that does not depend on where they differ.
pub fn same_secret(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Why a password is not accepted, in Dutch; `None` when it is.
pub fn password_problem(password: &str) -> Option<String> {
    if password.contains('\0') {
        return Some("Een wachtwoord kan geen NUL-teken bevatten.".into());
    }
    (password.chars().count() < MIN_PASSWORD_CHARS)
        .then(|| format!("Kies een wachtwoord van minstens {MIN_PASSWORD_CHARS} tekens."))
}

/// Hashes a password with argon2id (default parameters, random salt) into a PHC string.
pub fn hash_password(password: &str) -> Result<String, String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| e.to_string())
}

thread_local! {
    /// The argon2 working memory of a password-check thread, allocated once and used again:
    /// argon2's own allocation per check (~19 MiB) fragments the allocator, so that memory grows
    /// with every check instead of being reused.
    static ARGON2_MEMORY: std::cell::RefCell<Vec<argon2::Block>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Checks a password against an argon2 PHC string, in this thread's reused working memory.
fn verify_password(password: &str, phc: &str) -> bool {
    let Ok(hash) = PasswordHash::new(phc) else {
        return false;
    };
    let (Some(expected), Some(salt)) = (hash.hash, hash.salt) else {
        return false;
    };
    let Ok(algorithm) = argon2::Algorithm::try_from(hash.algorithm) else {
        return false;
    };
    let Ok(params) = argon2::Params::try_from(&hash) else {
        return false;
    };
    let version = hash
        .version
        .and_then(|v| argon2::Version::try_from(v).ok())
        .unwrap_or_default();
    let mut salt_bytes = [0u8; 64];
    let Ok(salt) = salt.decode_b64(&mut salt_bytes) else {
        return false;
    };
    let blocks = params.block_count();
    let argon = Argon2::new(algorithm, version, params);
    let mut out = vec![0u8; expected.len()];
    let done = ARGON2_MEMORY.with(|memory| {
        let mut memory = memory.borrow_mut();
        if memory.len() < blocks {
            memory.resize(blocks, argon2::Block::default());
        }
        argon
            .hash_password_into_with_memory(password.as_bytes(), salt, &mut out, &mut memory[..blocks])
            .is_ok()
    });
    done && out.len() == expected.len()
        && out
            .iter()
            .zip(expected.as_bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}

/// Runs password checks on [`PASSWORD_CHECKS`] threads of their own. argon2id allocates about
/// 19 MiB per check; on the runtime's blocking pool (up to 512 threads, each with its own
/// allocator arena that keeps what it freed) a burst of logins would leave gigabytes behind.
/// On a few dedicated threads the same memory is used again.
pub(crate) fn check_on_worker<T: Send + 'static>(
    job: impl FnOnce() -> T + Send + 'static,
) -> tokio::sync::oneshot::Receiver<T> {
    type Job = Box<dyn FnOnce() + Send>;
    static WORKERS: std::sync::OnceLock<std::sync::Mutex<std::sync::mpsc::Sender<Job>>> = std::sync::OnceLock::new();
    let sender = WORKERS.get_or_init(|| {
        let (tx, rx) = std::sync::mpsc::channel::<Job>();
        let rx = std::sync::Arc::new(std::sync::Mutex::new(rx));
        for n in 0..PASSWORD_CHECKS {
            let rx = rx.clone();
            let _ = std::thread::Builder::new()
                .name(format!("wachtwoord-{n}"))
                .spawn(move || loop {
                    let next = rx.lock().map(|r| r.recv());
                    match next {
                        Ok(Ok(job)) => job(),
                        _ => break,
                    }
                });
        }
        std::sync::Mutex::new(tx)
    });
    let (done, result) = tokio::sync::oneshot::channel();
    let job: Job = Box::new(move || {
        let _ = done.send(job());
    });
    if let Ok(tx) = sender.lock() {
        let _ = tx.send(job);
    }
    result
}

/// An argon2id hash of a random token, made once, to refuse unknown accounts in the same time.
fn dummy_hash() -> &'static str {
    static HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HASH.get_or_init(|| hash_password(&new_token()).unwrap_or_default())
}

/// A work e-mail address, lower case; `Err` with the Dutch reason when it is none.
pub fn email_address(raw: &str) -> Result<String, String> {
    let email = raw.trim().to_lowercase();
    if samenhang_domain::access::valid_email(&email) {
        Ok(email)
    } else {
        Err("Dit is geen e-mailadres (naam@organisatie.nl).".into())
    }
}

fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

static ATTEMPTS: AtomicU64 = AtomicU64::new(0);

/// Checks credentials, with the limits above. Returns the user.
pub async fn login(app: &App, email: &str, password: &str) -> Result<User, AppError> {
    let wrong = || AppError::Unauthenticated("Het e-mailadres of het wachtwoord klopt niet.".into());
    let email = email.trim().to_lowercase();
    if email.is_empty() || email.len() > 254 || email.contains('\0') || password.len() > 1024 {
        return Err(wrong());
    }
    let store = app.store();
    let now = now();
    let n = store.count_login_attempt(&email, now, now - LOCKOUT_SECONDS).await?;
    if ATTEMPTS.fetch_add(1, Ordering::Relaxed).is_multiple_of(100) {
        store.prune_login_attempts(now - LOCKOUT_SECONDS).await?;
    }
    if n > MAX_FAILED_LOGINS {
        return Err(AppError::TooMany {
            message: "Er is te vaak een verkeerd wachtwoord ingevuld voor dit e-mailadres. Wacht een kwartier en probeer het \
                      dan opnieuw."
                .into(),
            retry_after: LOCKOUT_SECONDS as u64,
        });
    }
    let user = store.user_by_email(&email).await?;
    let permit = tokio::time::timeout(PASSWORD_WAIT, app.inner_password_checks().acquire())
        .await
        .map_err(|_| {
            AppError::Busy("Er wordt nu veel tegelijk ingelogd. Probeer het over enkele seconden opnieuw.".into())
        })?
        .map_err(|e| AppError::Internal(Box::new(e)))?;
    let password = password.to_string();
    let hash = user.as_ref().and_then(|u| u.password_hash.clone());
    let ok = check_on_worker(move || match hash {
        Some(h) => verify_password(&password, &h),
        None => {
            let _ = verify_password(&password, dummy_hash());
            false
        }
    })
    .await
    .unwrap_or(false);
    drop(permit);
    match user {
        Some(u) if ok => {
            store.clear_login_attempts(&email).await?;
            Ok(u)
        }
        _ => Err(wrong()),
    }
}

impl App {
    fn inner_password_checks(&self) -> &tokio::sync::Semaphore {
        &self.inner.password_checks
    }
}

/// Starts a session for a user who logged in with a password: returns the token for the
/// cookie, and the session.
pub async fn start_session(store: &dyn Store, user_id: &str) -> Result<(String, Session), AppError> {
    start_session_from(store, user_id, None).await
}

/// Starts a session for a user who logged in with OpenID Connect provider `provider`, with the
/// ID token for the provider's logout; `None`: a password.
pub async fn start_session_from(
    store: &dyn Store,
    user_id: &str,
    provider: Option<(&str, &str)>,
) -> Result<(String, Session), AppError> {
    let token = new_token();
    let session = Session {
        user_id: user_id.to_string(),
        csrf: new_token(),
        expires_at: now() + SESSION_SECONDS,
        provider: provider.map(|(p, _)| p.to_string()),
        id_token: provider.map(|(_, t)| t.to_string()),
    };
    store.create_session(&token_hash(&token), &session).await?;
    Ok((token, session))
}

/// The user and session of a session token, if it is valid now.
pub async fn session(store: &dyn Store, token: &str) -> Result<Option<(Principal, Session)>, AppError> {
    let Some(session) = store.session(&token_hash(token), now()).await? else {
        return Ok(None);
    };
    let Some(user) = store.user(&session.user_id).await? else {
        return Ok(None);
    };
    Ok(Some((principal(store, &user).await?, session)))
}

/// Ends a session.
pub async fn end_session(store: &dyn Store, token_hash: &str) -> Result<(), AppError> {
    Ok(store.delete_session(token_hash).await?)
}

/// The caller behind an API key, or 401.
pub async fn api_caller(store: &dyn Store, token: &str) -> Result<Principal, AppError> {
    let unknown = || AppError::Unauthenticated("Deze API-sleutel is onbekend of ingetrokken.".into());
    let user_id = store.api_key_user(&token_hash(token)).await?.ok_or_else(unknown)?;
    let user = store.user(&user_id).await?.ok_or_else(unknown)?;
    principal(store, &user).await
}

/// A user as a principal with its roles.
pub async fn principal(store: &dyn Store, user: &User) -> Result<Principal, AppError> {
    Ok(Principal {
        user: Some(UserRef {
            id: user.id.clone(),
            name: user.name.clone(),
        }),
        grants: store.grants(&user.id).await?,
        installation_admin: user.installation_admin,
    })
}

/// The caller of the command line: the installation's operator.
pub fn command_line() -> Principal {
    Principal {
        user: Some(UserRef {
            id: String::new(),
            name: "samenhang (opdrachtregel)".into(),
        }),
        grants: Vec::new(),
        installation_admin: true,
    }
}

/// Makes an API key for the caller (or, on the command line, for the user with `email`);
/// returns the key, shown once and stored as a hash.
pub async fn new_api_key(store: &dyn Store, user_id: &str, name: &str) -> Result<String, AppError> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 || name.contains('\0') {
        return Err(AppError::invalid(
            "naam",
            "format",
            "Geef de sleutel een naam van hoogstens 100 tekens.",
        ));
    }
    let token = new_token();
    store.create_api_key(&token_hash(&token), user_id, name).await?;
    Ok(token)
}

/// A new account.
#[derive(Debug, Clone)]
pub struct NewUser {
    /// Work e-mail address: the login name.
    pub email: String,
    /// Display name.
    pub name: String,
    /// Password (at least [`MIN_PASSWORD_CHARS`]).
    pub password: String,
    /// The organisation of its first role.
    pub organisation: String,
    /// That role.
    pub role: Role,
}

/// Creates an account with a role in an organisation the caller administers (the command line
/// may use any). Every fault at once. Returns the user id.
pub async fn add_user(store: &dyn Store, caller: &Principal, new: &NewUser) -> Result<String, AppError> {
    let by = require_user(caller)?.clone();
    let mut faults = Vec::new();
    let name = new.name.trim().to_string();
    if name.is_empty() || name.chars().count() > 200 || name.contains('\0') {
        faults.push(fault("naam", "required", "Vul een naam in van hoogstens 200 tekens."));
    }
    let email = match email_address(&new.email) {
        Ok(e) => e,
        Err(reason) => {
            faults.push(fault("email", "format", reason));
            String::new()
        }
    };
    if let Some(p) = password_problem(&new.password) {
        faults.push(fault("wachtwoord", "range", p));
    }
    if !caller.installation_admin && !caller.is_admin_of(&new.organisation) {
        faults.push(fault("organisatie", "forbidden", "Kies een organisatie die u beheert."));
    } else if store.organisation(&new.organisation).await?.is_none() {
        faults.push(fault(
            "organisatie",
            "unknown",
            format!("Er is geen organisatie met id '{}'.", new.organisation),
        ));
    }
    if !faults.is_empty() {
        return Err(AppError::Invalid(faults));
    }
    let password = new.password.clone();
    let hash = check_on_worker(move || hash_password(&password))
        .await
        .map_err(|e| AppError::Internal(Box::new(e)))?
        .map_err(AppError::internal)?;
    let user = User {
        id: crate::records::new_id(),
        email: email.clone(),
        name,
        password_hash: Some(hash),
        external_id: None,
        created_at: samenhang_store::now(),
        installation_admin: false,
    };
    match store.create_user(&user).await {
        Ok(()) => {}
        Err(StoreError::Exists(_)) => {
            return Err(AppError::Exists(format!(
                "Er is al een gebruiker met e-mailadres {email}. Geef die een rol."
            )))
        }
        Err(e) => return Err(e.into()),
    }
    store.set_role(&user.id, &new.organisation, Some(new.role), &by).await?;
    Ok(user.id)
}

/// Gives (`Some`), changes or takes away (`None`) the role of the user with `email` in an
/// organisation the caller administers. Refused when it would leave the organisation without a
/// beheerder.
pub async fn set_role(
    store: &dyn Store,
    caller: &Principal,
    email: &str,
    organisation: &str,
    role: Option<Role>,
) -> Result<User, AppError> {
    let by = require_user(caller)?.clone();
    if !caller.installation_admin && !caller.is_admin_of(organisation) {
        return Err(AppError::Forbidden(format!(
            "U bent geen beheerder van '{organisation}'."
        )));
    }
    let user = store.user_by_email(email).await?.ok_or_else(|| {
        AppError::invalid(
            "email",
            "unknown",
            format!("Er is geen gebruiker met e-mailadres '{}'.", email.trim()),
        )
    })?;
    set_role_of(store, &by, &user.id, organisation, role).await?;
    Ok(user)
}

/// [`set_role`] for a user id (the API's `DELETE /rollen/{organisatie}/{gebruiker}`).
pub async fn set_role_by_id(
    store: &dyn Store,
    caller: &Principal,
    user_id: &str,
    organisation: &str,
    role: Option<Role>,
) -> Result<(), AppError> {
    let by = require_user(caller)?.clone();
    if !caller.installation_admin && !caller.is_admin_of(organisation) {
        return Err(AppError::Forbidden(format!(
            "U bent geen beheerder van '{organisation}'."
        )));
    }
    set_role_of(store, &by, user_id, organisation, role).await
}

async fn set_role_of(
    store: &dyn Store,
    by: &UserRef,
    user: &str,
    organisation: &str,
    role: Option<Role>,
) -> Result<(), AppError> {
    match store.set_role(user, organisation, role, by).await {
        Ok(()) => Ok(()),
        Err(StoreError::Missing(what)) => Err(AppError::NotFound(format!("Dit bestaat niet: {what}."))),
        Err(e) => Err(e.into()),
    }
}

/// The roles in the organisations the caller administers.
pub async fn roles(store: &dyn Store, caller: &Principal) -> Result<Vec<RoleAssignment>, AppError> {
    require_user(caller)?;
    Ok(store.roles(&caller.administered()).await?)
}

/// The audit log of the organisations the caller administers.
pub async fn audit_log(store: &dyn Store, caller: &Principal, paging: Paging) -> Result<Page<AuditEntry>, AppError> {
    require_user(caller)?;
    let orgs = caller.administered();
    if orgs.is_empty() {
        return Err(AppError::Forbidden("Alleen een beheerder leest het auditlog.".into()));
    }
    Ok(store.audit_log(&orgs, paging).await?)
}

/// What creates or changes an organisation.
#[derive(Debug, Clone)]
pub struct OrganisationInput {
    /// Id (only when creating).
    pub id: String,
    /// Name.
    pub name: String,
    /// Kind.
    pub kind: OrganisationKind,
    /// Arbeidsmarktregio.
    pub region: Option<LabourMarketRegionCode>,
}

/// Creates an organisation; its creator (when a user) becomes its first beheerder. Its
/// arbeidsmarktregio decides who reads its `regio` records, so a beheerder may place it only in
/// a region of an organisation they administer; an installation beheerder anywhere.
pub async fn create_organisation(
    store: &dyn Store,
    caller: &Principal,
    input: &OrganisationInput,
) -> Result<(), AppError> {
    let by = require_user(caller)?.clone();
    if !caller.installation_admin && !caller.is_admin() {
        return Err(AppError::Forbidden(
            "Alleen een beheerder kan organisaties toevoegen.".into(),
        ));
    }
    if !caller.may_place_in(input.region) {
        return Err(AppError::Forbidden(match input.region {
            Some(r) => format!(
                "U kunt geen organisatie in arbeidsmarktregio {r} plaatsen: u beheert daar geen organisatie. \
                 Vraag de beheerder van de installatie."
            ),
            None => "Alleen een beheerder kan organisaties toevoegen.".into(),
        }));
    }
    if !samenhang_domain::access::valid_organisation_id(&input.id) {
        return Err(AppError::invalid(
            "id",
            "format",
            "Gebruik 2 tot 60 kleine letters, cijfers en streepjes (bijv. uwv-twente).",
        ));
    }
    let org = Organisation {
        id: input.id.clone(),
        name: input.name.clone(),
        kind: input.kind,
        region: input.region,
        version: 1,
    };
    match store.create_organisation(&org, &by).await {
        Ok(()) => {}
        Err(StoreError::Exists(_)) => {
            return Err(AppError::Exists(format!(
                "Er is al een organisatie met id '{}'.",
                input.id
            )))
        }
        Err(e) => return Err(e.into()),
    }
    if !by.id.is_empty() {
        store.set_role(&by.id, &input.id, Some(Role::Admin), &by).await?;
    }
    Ok(())
}

/// Changes an organisation (its beheerder), if `expected` is its version. Only an installation
/// beheerder changes its arbeidsmarktregio.
pub async fn update_organisation(
    store: &dyn Store,
    caller: &Principal,
    input: &OrganisationInput,
    expected: crate::records::Expected,
) -> Result<i64, AppError> {
    let by = require_user(caller)?.clone();
    let current = store
        .organisation(&input.id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("Er is geen organisatie met id '{}'.", input.id)))?;
    if !caller.installation_admin && !caller.is_admin_of(&input.id) {
        return Err(AppError::Forbidden(format!(
            "U bent geen beheerder van '{}'.",
            input.id
        )));
    }
    if input.region != current.region && !caller.installation_admin {
        return Err(AppError::Forbidden(
            "De arbeidsmarktregio van een organisatie bepaalt wie haar regio-gegevens leest; alleen de beheerder \
             van de installatie kan haar wijzigen."
                .into(),
        ));
    }
    let expected = match expected {
        crate::records::Expected::Missing => {
            return Err(AppError::VersionRequired(format!(
                "Stuur If-Match mee met de ETag van de versie waarop uw wijziging is gebaseerd (nu versie {}).",
                current.version
            )))
        }
        crate::records::Expected::Any => current.version,
        crate::records::Expected::Version(v) => v,
    };
    let org = Organisation {
        id: input.id.clone(),
        name: input.name.clone(),
        kind: input.kind,
        region: input.region,
        version: expected,
    };
    match store.update_organisation(&org, expected, &by).await {
        Ok(v) => Ok(v),
        Err(StoreError::Conflict { current }) => Err(AppError::Conflict {
            current,
            message: format!(
                "De organisatie is intussen gewijzigd (nu versie {current}). Haal haar opnieuw op en pas uw wijziging daarop toe."
            ),
        }),
        Err(e) => Err(e.into()),
    }
}

/// Makes the user with `email` an installation beheerder (command line only).
pub async fn make_installation_admin(store: &dyn Store, email: &str) -> Result<(), AppError> {
    let user = store
        .user_by_email(email)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("Er is geen gebruiker met e-mailadres {email}.")))?;
    let actor = command_line();
    store
        .set_installation_admin(&user.id, true, actor.user.as_ref().unwrap_or(&UserRef::default()))
        .await?;
    Ok(())
}

/// The caller's saved own comparison group, as `leden=` codes; none for anonymous callers.
pub async fn own_group(app: &App, caller: &Principal) -> Result<Option<String>, AppError> {
    match &caller.user {
        Some(u) => Ok(app.store().own_group(&u.id).await?),
        None => Ok(None),
    }
}

/// Saves the caller's own comparison group (gemeentecodes, comma separated; checked as
/// `leden=` is, and every code must name a gemeente that exists now or once did), or forgets it
/// when `members` is empty. Returns the list as stored.
pub async fn save_own_group(app: &App, caller: &Principal, members: &str) -> Result<Option<String>, AppError> {
    let user = require_user(caller)?;
    if members.trim().is_empty() {
        app.store().set_own_group(&user.id, None).await?;
        return Ok(None);
    }
    let group = samenhang_stats::peers::PeerGroup::parse(Some("eigen"), Some(members))
        .map_err(|e| AppError::invalid("leden", "format", e))?;
    let samenhang_stats::peers::PeerGroup::Own(codes) = group else {
        return Err(AppError::internal("een eigen lijst gaf een andere groep"));
    };
    let snap = app.snapshot();
    let unknown: Vec<String> = codes
        .iter()
        .filter(|c| {
            snap.regions
                .position(samenhang_domain::codes::RegionCode::Municipality(**c))
                .is_none()
        })
        .map(ToString::to_string)
        .collect();
    if !unknown.is_empty() {
        return Err(AppError::invalid(
            "leden",
            "unknown",
            format!("Deze gemeentecodes bestaan niet: {}.", unknown.join(", ")),
        ));
    }
    let list = codes.iter().map(ToString::to_string).collect::<Vec<_>>().join(",");
    app.store().set_own_group(&user.id, Some(&list)).await?;
    Ok(Some(list))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_hash_and_verify() {
        let h = hash_password("een lang wachtwoord").unwrap_or_default();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_password("een lang wachtwoord", &h));
        assert!(!verify_password("een ander wachtwoord", &h));
        assert!(!verify_password("x", "geen hash"));
        assert!(password_problem("kort").is_some());
        assert!(password_problem("twaalf tekens").is_none());
    }

    #[test]
    fn secrets_compare_whole() {
        assert!(same_secret("abc", "abc"));
        assert!(!same_secret("abc", "abd"));
        assert!(!same_secret("abc", "abcd"));
        assert_eq!(token_hash("x").len(), 64);
        assert_ne!(new_token(), new_token());
    }

    #[test]
    fn one_email_check() {
        assert_eq!(
            email_address(" A.Jansen@Enschede.nl ").as_deref(),
            Ok("a.jansen@enschede.nl")
        );
        for bad in ["", "geen-adres", "a@b", "a b@c.nl", "@c.nl", "a@.nl"] {
            assert!(email_address(bad).is_err(), "{bad}");
        }
    }
}

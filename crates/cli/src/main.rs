// SPDX-License-Identifier: EUPL-1.2
//! The `samenhang` binary: `serve`, `check`, `import`, `sync`, `gebruiker` and `export`.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use samenhang::Config;

#[derive(Parser)]
#[command(
    name = "samenhang",
    version,
    about = "Samenhang: taal, cijfers en afspraken van een arbeidsmarktregio op één plek"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Start the web server (API under /api/v1). Loads the shipped data on the first start.
    Serve {
        #[command(flatten)]
        data: DataArgs,
        /// Address to listen on.
        #[arg(long, env = "SAMENHANG_BIND", default_value = "127.0.0.1:8080")]
        bind: SocketAddr,
        /// Allow editing the begrippenkader through the API without an account, for local use on
        /// one machine. Otherwise editing needs an API key of a redacteur.
        #[arg(long, env = "SAMENHANG_LOKAAL_SCHRIJVEN")]
        lokaal_schrijven: bool,
        /// A token stylesheet (NL Design System) for the pages, e.g. a municipality's theme.
        #[arg(long, env = "SAMENHANG_THEMA_CSS")]
        thema_css: Option<PathBuf>,
        /// The class that switches the theme on, e.g. `utrecht-theme` (with --thema-css).
        #[arg(long, env = "SAMENHANG_THEMA_KLASSE")]
        thema_klasse: Option<String>,
        /// Load the example data (people, schemes, an agreement and consultation bodies in
        /// Twente, all made up) and mark every page as showing example data.
        #[arg(long, env = "SAMENHANG_VOORBEELDDATA")]
        voorbeelddata: bool,
        /// The address users reach Samenhang at, for the links in invitations and reset mails,
        /// e.g. https://samenhang.regio.example.nl (default: http:// and the --bind address).
        #[arg(long, env = "SAMENHANG_PUBLIEKE_URL")]
        publieke_url: Option<String>,
        /// SMTP server for invitations and reset links: smtp://HOST:587?tls=required,
        /// smtps://HOST:465 or smtp://HOST:25, with USER:PASSWORD@ when needed. Without it, mail
        /// is written as .eml files to the data directory's uitgaande-mail/.
        #[arg(long, env = "SAMENHANG_SMTP_URL", hide_env_values = true)]
        smtp_url: Option<String>,
        /// The sender of that mail, e.g. "Samenhang <noreply@regio.example.nl>".
        #[arg(long, env = "SAMENHANG_AFZENDER")]
        afzender: Option<String>,
        /// A TOML file with the OpenID Connect providers to log in with (see docs/operations.md);
        /// read again when it changes, without a restart.
        #[arg(long, env = "SAMENHANG_OIDC_CONFIG")]
        oidc_config: Option<PathBuf>,
    },
    /// Validate the shipped data and the database, and print a summary.
    Check {
        #[command(flatten)]
        data: DataArgs,
    },
    /// Import data into the database.
    Import {
        #[command(subcommand)]
        what: ImportWhat,
    },
    /// Fetch CBS tables live from the CBS OData v4 API and import them. An interrupted fetch
    /// resumes where it stopped.
    Sync {
        /// CBS table ids, e.g. 85224NED 03759ned.
        #[arg(required = true)]
        tables: Vec<String>,
        /// Base URL of the OData v4 API.
        #[arg(long, env = "SAMENHANG_CBS_URL", default_value = samenhang_statline::sync::CBS_V4)]
        bron_url: String,
        /// OData $filter for the observations, to fetch a slice of a large table.
        #[arg(long)]
        filter: Option<String>,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Accounts: create the first beheerder, more users, or an API key.
    Gebruiker {
        #[command(subcommand)]
        what: UserWhat,
    },
    /// Write everything the database holds (figures, begrippenkaders with their history, every
    /// register record with its versions, accounts with hashed secrets, the audit log) to one
    /// file, with a manifest and a checksum per table. The server may keep running.
    Backup {
        /// The file to write.
        bestand: PathBuf,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Restore a backup into an empty database of either backend (so also from SQLite to
    /// PostgreSQL): the whole file is checked first, then everything is written in one
    /// transaction. Stop the servers on this database first.
    Restore {
        /// The backup file.
        bestand: PathBuf,
        /// Replace what the database holds; it is first kept as a restore point in the data
        /// directory.
        #[arg(long)]
        vervang: bool,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Write data to standard output.
    Export {
        /// What to export.
        what: ExportWhat,
        #[command(flatten)]
        data: DataArgs,
    },
}

#[derive(Subcommand)]
enum ImportWhat {
    /// A begrippenkader (NL-SBB / SKOS) in Turtle (.ttl), JSON-LD (.jsonld) or CSV in the NL-SBB
    /// columns (.csv). It is checked whole (syntax, one preferred label per concept, no label
    /// twice, no cycle in broader) before anything is stored.
    Begrippen {
        /// The file.
        file: PathBuf,
        /// For CSV: the IRI of the begrippenkader.
        #[arg(long)]
        kader: Option<String>,
        /// For CSV: the title of the begrippenkader.
        #[arg(long)]
        titel: Option<String>,
        #[command(flatten)]
        data: DataArgs,
    },
    /// A meeting report (text, Markdown, PDF or Word .docx): prints the meeting, its attendees,
    /// topics, decisions, action items and themes as found. Nothing is saved unless --opslaan is
    /// given (with --email of the user to save as); review in the browser is the usual way
    /// (/bijeenkomsten/importeren).
    Verslag {
        /// The report.
        file: PathBuf,
        /// Save the meeting and its action items as found, without review.
        #[arg(long, requires = "email")]
        opslaan: bool,
        /// The user to read and save as (people of the register are matched as this user sees them).
        #[arg(long)]
        email: Option<String>,
        /// The owning organisation when saving (default: the user's only organisation).
        #[arg(long)]
        organisatie: Option<String>,
        /// Who may read what is saved: openbaar, regio or organisatie.
        #[arg(long, default_value = "organisatie")]
        zichtbaarheid: String,
        /// Print the proposal as JSON (as POST /api/v1/bijeenkomsten/_voorstel gives it).
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        data: DataArgs,
    },
    /// CBS tables: a table directory (OData v4, v4 beta or v3), a StatLine CSV file, a directory
    /// of tables, or a snapshot directory. A table already loaded in the same version is skipped.
    Cbs {
        /// Where the table(s) are.
        path: PathBuf,
        #[command(flatten)]
        data: DataArgs,
    },
}

#[derive(Subcommand)]
enum UserWhat {
    /// Create a user with a role in an organisation (created when missing). The password comes
    /// from SAMENHANG_WACHTWOORD or, when that is not set, from the first line of standard input.
    Toevoegen {
        /// Work e-mail address: the login name.
        #[arg(long)]
        email: String,
        /// Display name.
        #[arg(long)]
        naam: String,
        /// Organisation id, e.g. gemeente-enschede.
        #[arg(long)]
        organisatie: String,
        /// Name of the organisation, when it is new.
        #[arg(long)]
        organisatie_naam: Option<String>,
        /// Kind of the organisation, when it is new: gemeente, provincie, uwv,
        /// werkgeversorganisatie, onderwijs, vakbond, bedrijf, netwerk or overig.
        #[arg(long, default_value = "gemeente")]
        soort: String,
        /// Arbeidsmarktregio of the organisation, when it is new (e.g. AM14).
        #[arg(long)]
        arbeidsmarktregio: Option<String>,
        /// lezer, redacteur or beheerder.
        #[arg(long, default_value = "beheerder")]
        rol: String,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Give an existing user a role in an organisation, or take it away (--rol geen). A role
    /// that would leave the organisation without a beheerder is refused.
    Rol {
        /// The user's e-mail address.
        #[arg(long)]
        email: String,
        /// Organisation id.
        #[arg(long)]
        organisatie: String,
        /// lezer, redacteur, beheerder, or geen (take the role away).
        #[arg(long)]
        rol: String,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Make an existing user an installation beheerder: the one who may place an organisation in
    /// any arbeidsmarktregio or move it to another (which decides who reads its `regio` records).
    Installatiebeheerder {
        /// The user's e-mail address.
        #[arg(long)]
        email: String,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Make an API key for a user; it is printed once and stored only as a hash.
    Sleutel {
        /// The user's e-mail address.
        #[arg(long)]
        email: String,
        /// What the key is for.
        #[arg(long, default_value = "script")]
        naam: String,
        #[command(flatten)]
        data: DataArgs,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum ExportWhat {
    /// Every gemeente's arbeidsmarktregio, COROP region and provincie per year, as CSV.
    Gebieden,
}

#[derive(Args)]
struct DataArgs {
    /// Data directory; holds the SQLite database unless --database-url is given.
    #[arg(long, env = "SAMENHANG_DATA_DIR", default_value = "./samenhang-data")]
    data_dir: PathBuf,
    /// Database URL: sqlite://PATH or postgres://USER@HOST/DB (default: SQLite in the data directory).
    #[arg(long, env = "SAMENHANG_DATABASE_URL")]
    database_url: Option<String>,
    /// Directory with the shipped CBS snapshot (default: ./data, else the source tree's data/).
    #[arg(long, env = "SAMENHANG_SNAPSHOT_DIR")]
    snapshot_dir: Option<PathBuf>,
}

impl DataArgs {
    /// The configuration; only `serve` loads the shipped CBS tables on a first start, the other
    /// commands need the region registry only.
    fn config(self) -> Config {
        Config {
            data_dir: self.data_dir,
            database_url: self.database_url,
            snapshot_dir: self.snapshot_dir.unwrap_or_else(samenhang::default_snapshot_dir),
            load_cbs_tables: false,
        }
    }
}

fn main() -> ExitCode {
    let filter = tracing_subscriber::EnvFilter::try_from_env("SAMENHANG_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn"));
    let logs = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    // One JSON object per line for a log collector (SAMENHANG_LOG_FORMAAT=json), otherwise text.
    if std::env::var("SAMENHANG_LOG_FORMAAT").is_ok_and(|f| f.trim().eq_ignore_ascii_case("json")) {
        logs.json().with_current_span(false).init();
    } else {
        logs.init();
    }
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("fout: kan de runtime niet starten: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("fout: {e:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Serve {
            data,
            bind,
            lokaal_schrijven,
            thema_css,
            thema_klasse,
            voorbeelddata,
            publieke_url,
            smtp_url,
            afzender,
            oidc_config,
        } => {
            let config = Config {
                load_cbs_tables: true,
                ..data.config()
            };
            let theme = samenhang::Theme {
                css: thema_css,
                class: thema_klasse,
            };
            // The port first: a second server on the same data directory stops here, before it
            // writes anything.
            let listener = tokio::net::TcpListener::bind(bind)
                .await
                .map_err(|e| anyhow::anyhow!("kan niet luisteren op {bind}: {e}"))?;
            let mail = samenhang::mail::MailSettings {
                smtp_url,
                from: afzender,
            };
            let outbox = samenhang::mail::outbox(&mail, &config.data_dir)?;
            let providers = match oidc_config {
                Some(path) => samenhang_oidc::Registry::open(path.clone()).map_err(|faults| {
                    anyhow::anyhow!(
                        "de OIDC-configuratie {} klopt niet:\n{}",
                        path.display(),
                        faults.iter().map(|f| format!("  - {f}")).collect::<Vec<_>>().join("\n")
                    )
                })?,
                None => samenhang_oidc::Registry::none(),
            };
            let app = samenhang::app(&config)
                .await?
                .with_local_writes(lokaal_schrijven)
                .with_outbox(outbox)
                .with_oidc(providers);
            let public_url = publieke_url.unwrap_or_else(|| format!("http://{bind}"));
            if !(public_url.starts_with("https://") || public_url.starts_with("http://")) {
                anyhow::bail!(
                    "--publieke-url moet met https:// of http:// beginnen, zoals https://samenhang.regio.example.nl"
                );
            }
            app.set_public_url(&public_url);
            let web = samenhang::web(&config, &theme)?;
            if voorbeelddata {
                let n = samenhang::load_examples(&config, &app).await?;
                eprintln!("Voorbeeldgegevens: {n} records toegevoegd");
            }
            // Figures or begrippen that another process imports are served within a second or two.
            let _watch = app.watch(std::time::Duration::from_secs(1));
            let addr = listener.local_addr()?;
            eprintln!("Samenhang luistert op http://{addr}/ (API: http://{addr}/api/v1/gebieden)");
            let limits = samenhang_server::Limits::default();
            let router = samenhang_server::app(app, web, &limits);
            samenhang_server::serve(listener, router, limits).await?;
            Ok(())
        }
        Command::Check { data } => {
            let config = data.config();
            samenhang::check(&config, &mut std::io::stdout().lock()).await
        }
        Command::Import {
            what:
                ImportWhat::Begrippen {
                    file,
                    kader,
                    titel,
                    data,
                },
        } => {
            let store = samenhang::open_store(&data.config()).await?;
            let scheme = samenhang::begrippen::CsvScheme {
                iri: kader,
                title: titel,
            };
            match samenhang::begrippen::load_any(store.as_ref(), &file, &scheme).await? {
                (id, samenhang::begrippen::Outcome::Unchanged) => {
                    println!("{id}: ongewijzigd (dit bestand is al geladen)")
                }
                (id, samenhang::begrippen::Outcome::Loaded { triples }) => println!("{id}: {triples} triples geladen"),
            }
            Ok(())
        }
        Command::Import {
            what:
                ImportWhat::Verslag {
                    file,
                    opslaan,
                    email,
                    organisatie,
                    zichtbaarheid,
                    json,
                    data,
                },
        } => {
            let visibility = samenhang_domain::access::Visibility::parse(&zichtbaarheid)
                .ok_or_else(|| anyhow::anyhow!("--zichtbaarheid: kies openbaar, regio of organisatie"))?;
            let save = match (opslaan, email.clone()) {
                (true, Some(email)) => Some(samenhang::verslag::SaveAs {
                    email,
                    organisation: organisatie,
                    visibility,
                }),
                _ => None,
            };
            let config = data.config();
            let mut out = std::io::stdout().lock();
            match (save, email) {
                (None, Some(email)) => {
                    // Read as the user (people matched as they see them), save nothing.
                    samenhang::verslag::import_as(&config, &file, &email, json, &mut out).await
                }
                (save, _) => samenhang::verslag::import(&config, &file, save, json, &mut out).await,
            }
        }
        Command::Import {
            what: ImportWhat::Cbs { path, data },
        } => {
            let config = data.config();
            let store = samenhang::open_store(&config).await?;
            for (id, outcome) in samenhang::import::import_path(store.as_ref(), &path, &config.snapshot_dir).await? {
                match outcome {
                    samenhang::import::Outcome::Unchanged => println!("{id}: ongewijzigd (deze versie is al geladen)"),
                    samenhang::import::Outcome::Imported { observations } => {
                        println!("{id}: {observations} waarnemingen geladen")
                    }
                }
            }
            Ok(())
        }
        Command::Sync {
            tables,
            bron_url,
            filter,
            data,
        } => {
            let config = data.config();
            let store = samenhang::open_store(&config).await?;
            let options = samenhang_statline::sync::SyncOptions {
                base_url: bron_url,
                filter,
                ..Default::default()
            };
            let mut bar = samenhang::import::ProgressBar::new();
            let done = samenhang::import::sync_tables(
                store.as_ref(),
                &tables,
                &config.data_dir,
                &config.snapshot_dir,
                &options,
                &mut bar,
            )
            .await?;
            for (id, outcome) in done {
                match outcome {
                    samenhang::import::Outcome::Unchanged => println!("{id}: ongewijzigd (deze versie is al geladen)"),
                    samenhang::import::Outcome::Imported { observations } => {
                        println!("{id}: {observations} waarnemingen geladen")
                    }
                }
            }
            Ok(())
        }
        Command::Gebruiker {
            what:
                UserWhat::Toevoegen {
                    email,
                    naam,
                    organisatie,
                    organisatie_naam,
                    soort,
                    arbeidsmarktregio,
                    rol,
                    data,
                },
        } => {
            let kind = samenhang_domain::access::OrganisationKind::parse(&soort)
                .ok_or_else(|| anyhow::anyhow!("onbekende soort organisatie '{soort}'"))?;
            let role = samenhang_domain::access::Role::parse(&rol)
                .ok_or_else(|| anyhow::anyhow!("onbekende rol '{rol}': kies lezer, redacteur of beheerder"))?;
            let region = arbeidsmarktregio
                .map(|r| samenhang_domain::codes::LabourMarketRegionCode::parse(&r))
                .transpose()?;
            let password = match std::env::var("SAMENHANG_WACHTWOORD") {
                Ok(p) => p,
                Err(_) => {
                    eprintln!("Wachtwoord (minstens 12 tekens), gevolgd door Enter:");
                    let mut line = String::new();
                    std::io::stdin().read_line(&mut line)?;
                    line.trim_end_matches(['\r', '\n']).to_string()
                }
            };
            let store = samenhang::open_store(&data.config()).await?;
            let account = samenhang::accounts::NewAccount {
                email,
                name: naam,
                password,
                organisation: organisatie,
                organisation_name: organisatie_naam,
                kind,
                region,
                role,
            };
            let id = samenhang::accounts::add_user(store.as_ref(), &account).await?;
            println!(
                "gebruiker {id} toegevoegd: {} is {} bij {}",
                account.email, rol, account.organisation
            );
            Ok(())
        }
        Command::Gebruiker {
            what:
                UserWhat::Rol {
                    email,
                    organisatie,
                    rol,
                    data,
                },
        } => {
            let role = match rol.as_str() {
                "geen" => None,
                r => Some(samenhang_domain::access::Role::parse(r).ok_or_else(|| {
                    anyhow::anyhow!("onbekende rol '{rol}': kies lezer, redacteur, beheerder of geen")
                })?),
            };
            let store = samenhang::open_store(&data.config()).await?;
            samenhang::accounts::set_role(store.as_ref(), &email, &organisatie, role).await?;
            match role {
                Some(r) => println!("{email} is nu {} bij {organisatie}", r.as_str()),
                None => println!("{email} heeft geen rol meer bij {organisatie}"),
            }
            Ok(())
        }
        Command::Gebruiker {
            what: UserWhat::Installatiebeheerder { email, data },
        } => {
            let store = samenhang::open_store(&data.config()).await?;
            samenhang::accounts::make_installation_admin(store.as_ref(), &email).await?;
            println!("{email} is nu beheerder van de installatie");
            Ok(())
        }
        Command::Gebruiker {
            what: UserWhat::Sleutel { email, naam, data },
        } => {
            let store = samenhang::open_store(&data.config()).await?;
            let key = samenhang::accounts::new_api_key(store.as_ref(), &email, &naam).await?;
            println!("{key}");
            eprintln!("Bewaar deze API-sleutel goed: hij wordt niet opnieuw getoond. Gebruik: Authorization: Bearer <sleutel>");
            Ok(())
        }
        Command::Backup { bestand, data } => {
            samenhang::backup(&data.config(), &bestand, &mut std::io::stdout().lock()).await
        }
        Command::Restore { bestand, vervang, data } => {
            samenhang::restore(&data.config(), &bestand, vervang, &mut std::io::stdout().lock()).await
        }
        Command::Export {
            what: ExportWhat::Gebieden,
            data,
        } => {
            let store = samenhang::open_store(&data.config()).await?;
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            samenhang::export_regions(store.as_ref(), &mut out).await?;
            std::io::Write::flush(&mut out)?;
            Ok(())
        }
    }
}

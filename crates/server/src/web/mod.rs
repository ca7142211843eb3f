// SPDX-License-Identifier: EUPL-1.2
//! The web pages: server-rendered HTML in Dutch (maud), styled with NL Design System tokens,
//! usable without JavaScript. Charts and maps are inline SVG with a table next to them.
//!
//! Layout: [`layout`] (page shell and error pages), [`svg`] (maps and charts), [`format`] (Dutch
//! numbers), and one file per page in `pages/`. Pages read the same read-mostly views as the
//! API (snapshot, begrippenkader view) and the same store.

pub mod cache;
pub mod format;
pub mod layout;
pub mod pages;
pub mod svg;

use axum::routing::{get, post};
use axum::Router;
use samenhang_domain::geo::Boundary;

use crate::state::AppState;

/// The neutral theme: NL Design System tokens under `.samenhang-theme`.
pub const NEUTRAL_THEME: &str = include_str!("../../assets/thema-neutraal.css");
/// The page styles, built on the tokens.
pub const STYLES: &str = include_str!("../../assets/samenhang.css");

/// What the pages need besides the shared state: the theme and the prepared map shapes.
#[derive(Debug)]
pub struct Web {
    /// Token stylesheet of the theme.
    pub theme_css: String,
    /// Theme class on `<body>`.
    pub theme_class: String,
    /// Map shapes of gemeenten, arbeidsmarktregio's and provincies.
    pub maps: svg::Maps,
    /// Rendered pages, valid while the figures and the begrippenkader stay the same.
    pub cache: cache::PageCache,
    /// Whether the example data is loaded (`--voorbeelddata`): every page then says so.
    examples: std::sync::atomic::AtomicBool,
}

impl Web {
    /// With the neutral theme.
    pub fn new(boundaries: &[Boundary]) -> Web {
        Web {
            theme_css: NEUTRAL_THEME.to_string(),
            theme_class: "samenhang-theme".into(),
            maps: svg::Maps::new(boundaries),
            cache: cache::PageCache::default(),
            examples: std::sync::atomic::AtomicBool::new(false),
        }
    }

    /// Marks every page as showing example data (set before serving).
    pub fn show_example_banner(&self) {
        self.examples.store(true, std::sync::atomic::Ordering::Relaxed);
    }

    /// Whether pages carry the example-data banner.
    pub fn examples(&self) -> bool {
        self.examples.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// With a municipality's own token stylesheet and theme class.
    pub fn with_theme(mut self, css: String, class: String) -> Web {
        self.theme_css = css;
        self.theme_class = class;
        self
    }
}

impl Default for Web {
    fn default() -> Self {
        Web::new(&[])
    }
}

/// The page routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(pages::home::handler))
        .route("/static/samenhang.css", get(pages::assets::styles))
        .route("/static/thema.css", get(pages::assets::theme))
        .route("/gemeenten/{code}", get(pages::gemeente::handler))
        .route("/arbeidsmarktregios/{code}", get(pages::regio::handler))
        .route("/indicatoren", get(pages::indicator::list))
        .route("/indicatoren/{id}", get(pages::indicator::handler))
        .route("/indicatoren/{id}/waarden.csv", get(pages::indicator::csv))
        .route("/indices/{id}", get(pages::index::handler))
        .route("/begrippen", get(pages::begrippen::list))
        .route("/begrippen/{id}", get(pages::begrippen::show))
        .route("/zoeken", get(pages::zoeken::handler))
        .route("/inloggen", get(pages::account::login_form).post(pages::account::login))
        .route("/uitloggen", post(pages::account::logout))
        .route("/account", get(pages::account::account))
        .route("/account/sleutels", post(pages::account::new_key))
        .route(
            "/beheer/gebruikers",
            get(pages::beheer::users).post(pages::beheer::add_user),
        )
        .route("/beheer/rollen", post(pages::beheer::set_role))
        .route("/beheer/csv", get(pages::csv::overview))
        .route(
            "/beheer/csv/{register}",
            get(pages::csv::download).post(pages::csv::upload),
        )
        .route("/doelen", get(pages::afspraken::goals))
        .route(
            "/doelen/nieuw",
            get(pages::doel_nieuw::form).post(pages::doel_nieuw::create),
        )
        .route("/doelen/{id}", get(pages::afspraken::goal))
        .route("/personen/{id}", get(pages::afspraken::person))
        .route("/duo", get(pages::afspraken::duo))
        .route("/agendas", get(pages::afspraken::agendas))
        .route("/regelingen", get(pages::samenhang::schemes))
        .route("/regelingen/analyse", get(pages::samenhang::fragmentation))
        .route("/regelingen/{id}", get(pages::samenhang::scheme))
        .route("/afspraken", get(pages::samenhang::agreements))
        .route("/afspraken/{id}", get(pages::samenhang::agreement))
        .route("/overleggen", get(pages::samenhang::bodies))
        .route("/overleggen/{id}", get(pages::samenhang::body))
        .route("/themas/{id}", get(pages::samenhang::theme))
}

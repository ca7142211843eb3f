// SPDX-License-Identifier: EUPL-1.2
//! The page shell (skip link, header, navigation, footer with the source line) and error pages.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use maud::{html, Markup, DOCTYPE};

use super::Web;

/// A whole page.
pub fn page(web: &Web, title: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="nl" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " – Samenhang" }
                link rel="stylesheet" href="/static/thema.css";
                link rel="stylesheet" href="/static/samenhang.css";
            }
            body class=(web.theme_class) {
                a.skiplink href="#inhoud" { "Naar de inhoud" }
                header.page-header {
                    div.inner {
                        a.brand href="/" { "Samenhang" }
                        nav aria-label="Hoofdmenu" {
                            ul {
                                li { a href="/" { "Gebieden" } }
                                li { a href="/indicatoren" { "Cijfers" } }
                                li { a href="/indices/brede-welvaart-voorbeeld" { "Brede welvaart" } }
                                li { a href="/begrippen" { "Begrippen" } }
                                li { a href="/themas" { "Thema's" } }
                                li { a href="/registers" { "Registers" } }
                                li { a href="/ondernemers" { "Ondernemers" } }
                                li { a href="/duo" { "DUO" } }
                                li { a href="/zoeken" { "Zoeken" } }
                                li { a href="/account" { "Account" } }
                            }
                        }
                    }
                }
                @if web.examples() {
                    div.example-banner role="note" {
                        p { "Voorbeeldgegevens: " span.lang { "deze omgeving bevat " } "verzonnen personen, regelingen, afspraken en overleggen "
                            "(gemarkeerd met ‘voorbeeld’)" span.lang { " om te laten zien wat Samenhang kan" } ". De cijfers zijn echt (Bron: CBS)." }
                    }
                }
                main id="inhoud" tabindex="-1" { (body) }
                footer.page-footer {
                    div.inner {
                        p { "Bron van de cijfers: CBS; van de kaarten: CBS en PDOK (beide CC BY 4.0). "
                            "Samenhang is open-source software (EUPL-1.2). "
                            a href="/api/v1/openapi.json" { "De API" } "." }
                    }
                }
            }
        }
    }
}

/// An HTML response.
pub fn respond(status: StatusCode, markup: Markup) -> Response {
    html_response(status, markup.into_string())
}

/// A page for one caller (forms, account data): never stored by any cache.
pub fn private(status: StatusCode, markup: Markup) -> Response {
    let mut res = respond(status, markup);
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

/// A 303 redirect after a form, with cookies to set.
pub fn see_other(to: &str, cookies: &[String]) -> Response {
    let mut res = StatusCode::SEE_OTHER.into_response();
    let h = res.headers_mut();
    if let Ok(v) = HeaderValue::from_str(to) {
        h.insert(header::LOCATION, v);
    }
    for c in cookies {
        if let Ok(v) = HeaderValue::from_str(c) {
            h.append(header::SET_COOKIE, v);
        }
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

/// An HTML response from an already rendered page.
pub fn html_response(status: StatusCode, html: impl Into<axum::body::Body>) -> Response {
    let mut res = (status, html.into()).into_response();
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    res
}

/// A Dutch error page.
pub fn error(web: &Web, status: StatusCode, message: &str) -> Response {
    let title = match status {
        StatusCode::NOT_FOUND => "Pagina niet gevonden",
        StatusCode::BAD_REQUEST => "Dat klopt niet helemaal",
        StatusCode::FORBIDDEN => "Geen toegang",
        StatusCode::UNAUTHORIZED => "Inloggen nodig",
        _ => "Er ging iets mis",
    };
    respond(
        status,
        page(
            web,
            title,
            html! {
                h1 { (title) }
                div.error role="alert" { p { (message) } }
                p { "Ga naar de " a href="/" { "startpagina" } " of " a href="/zoeken" { "zoek" } " wat u nodig hebt." }
            },
        ),
    )
}

# SPDX-License-Identifier: EUPL-1.2
"""Makes the PDF and Word versions of the seed report that the reader's tests use, the way
users make them: Chromium prints the report to PDF (text), a picture of it to PDF (a scan
without text), pikepdf puts a password on the PDF, python-docx writes it as a Word document
with bullet styles. Run once; the files are committed.

    python3 -m venv /tmp/fx && /tmp/fx/bin/pip install python-docx pikepdf
    /tmp/fx/bin/python tests/verslagen/maak-bestanden.py
"""
import html
import pathlib
import subprocess
import tempfile

import docx
import pikepdf

HERE = pathlib.Path(__file__).parent
SEED = HERE / "vng-bestuurlijk-netwerk-economie-2025-04-16.txt"
OUT = HERE / "bestanden"
OUT.mkdir(exist_ok=True)
CHROMIUM = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--no-pdf-header-footer"]

lines = SEED.read_text(encoding="utf-8").splitlines()


def chromium_pdf(page: str, target: pathlib.Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        src = pathlib.Path(tmp) / "verslag.html"
        src.write_text(page, encoding="utf-8")
        subprocess.run(CHROMIUM + [f"--user-data-dir={tmp}/profiel", f"--print-to-pdf={target}", src.as_uri()],
                       check=True, capture_output=True)


# 1. The report as a text PDF: one paragraph per line, as the PDF it came from.
body = "".join(f"<p>{html.escape(l) or '&nbsp;'}</p>" for l in lines)
chromium_pdf(f"<!doctype html><meta charset=utf-8><style>body{{font:11pt Arial}} p{{margin:0}}</style>{body}",
             OUT / "verslag.pdf")

# 2. A scan: the first page as a picture, nothing else.
with tempfile.TemporaryDirectory() as tmp:
    png = pathlib.Path(tmp) / "pagina.png"
    page = pathlib.Path(tmp) / "pagina.html"
    page.write_text(f"<!doctype html><meta charset=utf-8><style>body{{font:14pt Arial;margin:40px}} p{{margin:0}}</style>{body}",
                    encoding="utf-8")
    subprocess.run(CHROMIUM + [f"--user-data-dir={tmp}/profiel", f"--screenshot={png}", "--window-size=900,1200",
                               page.as_uri()], check=True, capture_output=True)
    import base64
    data = base64.b64encode(png.read_bytes()).decode()
    chromium_pdf(f"<!doctype html><style>body{{margin:0}}</style><img style='width:100%' src='data:image/png;base64,{data}'>",
                 OUT / "scan.pdf")

# 3. The text PDF with a password to open it.
with pikepdf.open(OUT / "verslag.pdf") as pdf:
    pdf.save(OUT / "beveiligd.pdf", encryption=pikepdf.Encryption(user="geheim", owner="eigenaar", R=6))

# 4. The report as Word, as someone typed it: whole paragraphs (the PDF's wrapped lines joined,
# also where the extraction put a blank line inside a name), and bullets with Word's list styles.
paragraphs = []  # (style, text)
for l in lines:
    t = l.strip()
    last = paragraphs[-1][1] if paragraphs else ""
    unfinished = last.count("(") > last.count(")") or last.endswith(("-", ","))
    if not t:
        if paragraphs and not unfinished:
            paragraphs.append((None, ""))
        continue
    if t.startswith("- "):
        paragraphs.append(("List Bullet", t[2:]))
    elif t.startswith("o "):
        paragraphs.append(("List Bullet 2", t[2:]))
    elif paragraphs and (paragraphs[-1][1] or unfinished):
        style, text = paragraphs[-1]
        joined = text + t if text.endswith("-") else text + " " + t
        paragraphs[-1] = (style, joined)
    else:
        paragraphs.append((None, t))
d = docx.Document()
for style, text in paragraphs:
    if text:
        d.add_paragraph(text, style=style) if style else d.add_paragraph(text)
d.save(OUT / "verslag.docx")
print("klaar:", sorted(p.name for p in OUT.iterdir()))

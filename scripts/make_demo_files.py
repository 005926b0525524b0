"""One-off generator of the demo files (PDF, DOCX, ODT, cover images, comic page previews)
referenced by demo/data/resources.jsonl and demo/data/extras.json, written to demo/data/files/.

It is not run by the project, is not part of any installed app, and fpdf2 is not a project
dependency. To regenerate the files, from the project's root:

    python3 -m venv /tmp/demo-venv
    /tmp/demo-venv/bin/pip install fpdf2 pillow python-docx odfpy
    /tmp/demo-venv/bin/python scripts/make_demo_files.py

It needs the DejaVu fonts of Debian (`apt-get install fonts-dejavu-core`).
"""
# ruff: noqa: S311 - seeded pseudo-random placement of hail and nodes, no security involved

import datetime
import io
import math
import random
import textwrap
import zipfile
from pathlib import Path

import docx
from fpdf import FPDF
from fpdf.fonts import FontFace
from odf import dc as odf_dc
from odf import text as odf_text
from odf.opendocument import OpenDocumentText
from odf.style import ParagraphProperties, Style, TextProperties
from PIL import Image, ImageDraw, ImageFont

OUT = Path(__file__).resolve().parents[1] / "demo" / "data" / "files"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
# A fixed date keeps the generated files identical from one run to the next.
FIXED_DATE = datetime.datetime(2025, 1, 15, 12, 0, tzinfo=datetime.UTC)
LICENCES = {
    "CC-BY-4.0": "Licence CC BY 4.0",
    "CC-BY-SA-4.0": "Licence CC BY-SA 4.0",
    "CC-BY-NC-SA-4.0": "Licence CC BY-NC-SA 4.0",
    "CC-BY-NC-ND-4.0": "Licence CC BY-NC-ND 4.0",
    "all-rights-reserved": "Tous droits réservés",
}

# ---------------------------------------------------------------------------------------------
# Text mini-format (as in the import format) shared by PDF, DOCX and ODT
# ---------------------------------------------------------------------------------------------


def parse(text):
    """[(kind, value)] from the mini-format, plus `| a | b` table rows, `> ` boxed text and
    `%bars label=value; ...` charts. A line indented by two more spaces continues the line
    above it."""
    blocks, pending = [], []
    kind = None
    prefixes = (("## ", "h"), ("- ", "item"), ("| ", "row"), ("> ", "box"), ("%bars ", "bars"))

    def close():
        nonlocal kind
        if kind is None:
            return
        value = " ".join(pending)
        if kind == "item":
            if blocks and blocks[-1][0] == "ul":
                blocks[-1][1].append(value)
            else:
                blocks.append(("ul", [value]))
        elif kind == "row":
            cells = [c.strip() for c in value.strip("| ").split("|")]
            if blocks and blocks[-1][0] == "table":
                blocks[-1][1].append(cells)
            else:
                blocks.append(("table", [cells]))
        elif kind == "bars":
            pairs = [p.rsplit("=", 1) for p in value.split(";")]
            blocks.append(("bars", [(k.strip(), float(v)) for k, v in pairs]))
        else:
            blocks.append((kind, value))
        pending.clear()
        kind = None

    for raw in textwrap.dedent(text).strip().splitlines():
        line = raw.strip()
        if not line:
            close()
        elif raw.startswith("  ") and kind:
            pending.append(line)
        else:
            close()
            kind = "p"
            for prefix, name in prefixes:
                if line.startswith(prefix):
                    kind, line = name, line[len(prefix) :]
                    break
            pending.append(line)
    close()
    return blocks


# ---------------------------------------------------------------------------------------------
# PDF
# ---------------------------------------------------------------------------------------------


class Doc(FPDF):
    def __init__(self, spec):
        super().__init__(format="A4")
        self.spec = spec
        self.accent = spec["accent"]
        self.add_font("dv", "", str(FONT_DIR / "DejaVuSans.ttf"))
        self.add_font("dv", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
        self.add_font("dv", "I", str(FONT_DIR / "DejaVuSans-Oblique.ttf"))
        self.set_margins(20, 18, 20)
        self.set_auto_page_break(True, margin=20)
        self.set_title(spec["title"])
        self.set_author(spec["network"])
        self.set_subject(spec.get("kind", ""))
        self.set_keywords("AMAP, " + spec.get("kind", ""))
        self.set_creator("AMAP'artage, contenu de démonstration")
        self.set_lang("fr-FR")
        self.set_creation_date(FIXED_DATE)

    def header(self):
        if self.page_no() == 1:
            return
        self.set_font("dv", "", 7.5)
        self.set_text_color(120, 120, 120)
        self.cell(0, 5, self.spec["title"], new_x="LMARGIN", new_y="NEXT")
        self.set_draw_color(*self.accent)
        self.set_line_width(0.4)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.ln(5)

    def footer(self):
        self.set_y(-14)
        self.set_font("dv", "", 7.5)
        self.set_text_color(120, 120, 120)
        left = f"{self.spec['network']}, {self.spec['year']} · {LICENCES[self.spec['licence']]}"
        self.cell(0, 5, left, align="L")
        self.set_x(self.l_margin)
        self.cell(0, 5, f"{self.page_no()}/{{nb}}", align="R")

    def title_block(self):
        band = 62 if len(self.spec["title"]) > 42 else 52
        self.set_fill_color(*self.accent)
        self.rect(0, 0, self.w, band, style="F")
        light = tuple(min(255, c + 40) for c in self.accent)
        self.set_fill_color(*light)
        self.ellipse(self.w - 55, -22, 80, 60, style="F")
        self.set_xy(self.l_margin, 12)
        self.set_text_color(255, 255, 255)
        self.set_font("dv", "B", 9)
        self.cell(0, 5, self.spec.get("kind", "").upper(), new_x="LMARGIN", new_y="NEXT")
        self.ln(2)
        self.set_font("dv", "B", 19)
        # Keep French high punctuation on the line of the word before it.
        title = (
            self.spec["title"]
            .replace(" ?", "\N{NO-BREAK SPACE}?")
            .replace(" :", "\N{NO-BREAK SPACE}:")
        )
        self.multi_cell(self.epw - 20, 8.5, title, align="L", new_x="LMARGIN", new_y="NEXT")
        self.set_y(band + 6)
        self.set_text_color(90, 90, 90)
        self.set_font("dv", "I", 9.5)
        self.multi_cell(
            0, 5, self.spec.get("subtitle", ""), align="L", new_x="LMARGIN", new_y="NEXT"
        )
        self.ln(3)

    def heading(self, text):
        if self.get_y() > self.h - 45:
            self.add_page()
        self.ln(2)
        self.set_font("dv", "B", 12.5)
        self.set_text_color(*self.accent)
        self.multi_cell(0, 6.5, text, align="L", new_x="LMARGIN", new_y="NEXT")
        self.ln(1)

    def paragraph(self, text):
        self.set_font("dv", "", 10)
        self.set_text_color(30, 30, 30)
        self.multi_cell(0, 5.2, text, align="L", new_x="LMARGIN", new_y="NEXT")
        self.ln(2.2)

    def bullets(self, items):
        self.set_font("dv", "", 10)
        self.set_text_color(30, 30, 30)
        for item in items:
            self.set_x(self.l_margin + 2)
            self.set_text_color(*self.accent)
            self.cell(5, 5.2, "•")
            self.set_text_color(30, 30, 30)
            self.multi_cell(self.epw - 7, 5.2, item, align="L", new_x="LMARGIN", new_y="NEXT")
            self.ln(0.8)
        self.ln(1.5)

    def boxed(self, text):
        self.set_font("dv", "I", 9.5)
        self.set_text_color(40, 40, 40)
        tint = tuple(int(255 - (255 - c) * 0.15) for c in self.accent)
        self.set_fill_color(*tint)
        self.set_draw_color(*self.accent)
        self.multi_cell(
            0, 5, text, border=1, fill=True, padding=3, align="L", new_x="LMARGIN", new_y="NEXT"
        )
        self.ln(3)

    def table_rows(self, rows):
        self.set_font("dv", "", 8.8)
        self.set_text_color(30, 30, 30)
        self.set_draw_color(170, 170, 170)
        tint = tuple(int(255 - (255 - c) * 0.25) for c in self.accent)
        zebra = tuple(int(255 - (255 - c) * 0.07) for c in self.accent)
        # Rows left unfilled by the zebra mode are painted with the current fill colour.
        self.set_fill_color(255, 255, 255)
        style = FontFace(emphasis="BOLD", fill_color=tint)
        with self.table(
            headings_style=style,
            line_height=4.8,
            padding=1.6,
            text_align="LEFT",
            cell_fill_color=zebra,
            cell_fill_mode="ROWS",
        ) as table:
            for row in rows:
                cells = table.row()
                for value in row:
                    cells.cell(value)
        self.ln(3)

    def bars(self, pairs):
        self.set_font("dv", "", 8.8)
        self.set_text_color(30, 30, 30)
        top = max(v for _k, v in pairs)
        label_w, bar_w = 62, self.epw - 62 - 14
        for label, value in pairs:
            y = self.get_y()
            self.set_x(self.l_margin)
            self.cell(label_w, 6, label)
            self.set_fill_color(*self.accent)
            self.rect(self.l_margin + label_w, y + 1, bar_w * value / top, 4, style="F")
            self.set_xy(self.l_margin + label_w + bar_w * value / top + 2, y)
            shown = f"{value:g}"
            self.cell(12, 6, shown, new_x="LMARGIN", new_y="NEXT")
        self.ln(3)

    def render(self, text):
        for kind, value in parse(text):
            {
                "h": self.heading,
                "p": self.paragraph,
                "ul": self.bullets,
                "box": self.boxed,
                "table": self.table_rows,
                "bars": self.bars,
            }[kind](value)


def make_pdf(name, spec, images=()):
    doc = Doc(spec)
    doc.add_page()
    doc.title_block()
    doc.render(spec["body"])
    for image, caption in images:
        doc.add_page()
        doc.set_font("dv", "B", 10)
        doc.set_text_color(*doc.accent)
        doc.cell(0, 6, caption, new_x="LMARGIN", new_y="NEXT")
        doc.ln(2)
        # A smaller copy of the page, in fewer colours, keeps the PDF light.
        buffer = io.BytesIO()
        with Image.open(image) as picture:
            small = picture.convert("RGB").resize((450, 638), Image.Resampling.LANCZOS)
            small.quantize(colors=64, dither=Image.Dither.NONE).save(buffer, "PNG", optimize=True)
        width = 130
        doc.image(buffer, x=(doc.w - width) / 2, w=width)
    doc.output(str(OUT / name))


# ---------------------------------------------------------------------------------------------
# DOCX and ODT
# ---------------------------------------------------------------------------------------------


def freeze_zip(path):
    """Rewrite an office file with fixed timestamps, so that a new run gives the same bytes."""
    with zipfile.ZipFile(path) as archive:
        members = [(info, archive.read(info.filename)) for info in archive.infolist()]
    with zipfile.ZipFile(path, "w") as archive:
        for info, data in members:
            frozen = zipfile.ZipInfo(info.filename, date_time=(2025, 1, 15, 12, 0, 0))
            frozen.compress_type = info.compress_type
            frozen.external_attr = info.external_attr
            archive.writestr(frozen, data)


def make_docx(name, spec):
    document = docx.Document()
    props = document.core_properties
    props.title = spec["title"]
    props.author = spec["network"]
    props.subject = spec.get("kind", "")
    props.language = "fr-FR"
    props.created = FIXED_DATE
    props.modified = FIXED_DATE
    document.add_heading(spec["title"], level=0)
    document.add_paragraph(spec.get("subtitle", "")).italic = True
    for kind, value in parse(spec["body"]):
        if kind == "h":
            document.add_heading(value, level=1)
        elif kind in ("p", "box"):
            document.add_paragraph(value)
        elif kind == "ul":
            for item in value:
                document.add_paragraph(item, style="List Bullet")
        elif kind == "table":
            table = document.add_table(rows=len(value), cols=len(value[0]))
            table.style = "Light Grid Accent 1"
            for r, row in enumerate(value):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = cell
            document.add_paragraph("")
    footer = document.sections[0].footer.paragraphs[0]
    footer.text = f"{spec['network']}, {spec['year']} · {LICENCES[spec['licence']]}"
    document.save(str(OUT / name))
    freeze_zip(OUT / name)


def make_odt(name, spec):
    document = OpenDocumentText()
    heading_style = Style(name="Heading 1", family="paragraph")
    heading_style.addElement(TextProperties(fontsize="15pt", fontweight="bold", color="#3d6b35"))
    heading_style.addElement(ParagraphProperties(margintop="0.35cm", marginbottom="0.15cm"))
    title_style = Style(name="Title", family="paragraph")
    title_style.addElement(TextProperties(fontsize="20pt", fontweight="bold"))
    title_style.addElement(ParagraphProperties(marginbottom="0.3cm"))
    body_style = Style(name="Text body", family="paragraph")
    body_style.addElement(TextProperties(fontsize="11pt"))
    body_style.addElement(ParagraphProperties(marginbottom="0.2cm"))
    box_style = Style(name="Encadre", family="paragraph")
    box_style.addElement(TextProperties(fontsize="10.5pt", fontstyle="italic"))
    box_style.addElement(
        ParagraphProperties(
            backgroundcolor="#eef4e8", padding="0.2cm", border="0.5pt solid #3d6b35"
        )
    )
    for style in (heading_style, title_style, body_style, box_style):
        document.styles.addElement(style)
    document.meta.addElement(odf_dc.Title(text=spec["title"]))
    document.meta.addElement(odf_dc.Creator(text=spec["network"]))
    document.meta.addElement(odf_dc.Language(text="fr-FR"))
    document.text.addElement(odf_text.P(stylename=title_style, text=spec["title"]))
    document.text.addElement(odf_text.P(stylename=body_style, text=spec.get("subtitle", "")))
    for kind, value in parse(spec["body"]):
        if kind == "h":
            document.text.addElement(
                odf_text.H(outlinelevel=1, stylename=heading_style, text=value)
            )
        elif kind == "p":
            document.text.addElement(odf_text.P(stylename=body_style, text=value))
        elif kind == "box":
            document.text.addElement(odf_text.P(stylename=box_style, text=value))
        elif kind == "ul":
            listing = odf_text.List()
            for item in value:
                entry = odf_text.ListItem()
                entry.addElement(odf_text.P(stylename=body_style, text="• " + item))
                listing.addElement(entry)
            document.text.addElement(listing)
        elif kind == "table":
            for row in value:
                document.text.addElement(odf_text.P(stylename=body_style, text=" | ".join(row)))
    document.text.addElement(
        odf_text.P(
            stylename=body_style,
            text=f"{spec['network']}, {spec['year']} · {LICENCES[spec['licence']]}",
        )
    )
    document.save(str(OUT / name))
    freeze_zip(OUT / name)


# ---------------------------------------------------------------------------------------------
# Drawing helpers (Pillow), drawn at twice the size then reduced for smooth edges
# ---------------------------------------------------------------------------------------------

SCALE = 2


class Pen:
    def __init__(self, width, height, background):
        self.width, self.height = width, height
        self.image = Image.new("RGB", (width * SCALE, height * SCALE), background)
        self.draw = ImageDraw.Draw(self.image)

    @staticmethod
    def _s(values):
        return [v * SCALE for v in values]

    def rect(self, box, fill=None, outline=None, width=0, radius=0):
        self.draw.rounded_rectangle(
            self._s(box), radius=radius * SCALE, fill=fill, outline=outline, width=width * SCALE
        )

    def ellipse(self, cx, cy, rx, ry, fill=None, outline=None, width=0):
        self.draw.ellipse(
            self._s((cx - rx, cy - ry, cx + rx, cy + ry)),
            fill=fill,
            outline=outline,
            width=width * SCALE,
        )

    def circle(self, cx, cy, r, fill=None, outline=None, width=0):
        self.ellipse(cx, cy, r, r, fill, outline, width)

    def poly(self, points, fill=None, outline=None, width=0):
        scaled = [(x * SCALE, y * SCALE) for x, y in points]
        self.draw.polygon(scaled, fill=fill)
        if outline:
            self.draw.line([*scaled, scaled[0]], fill=outline, width=width * SCALE, joint="curve")

    def line(self, points, fill, width=1):
        self.draw.line(
            [(x * SCALE, y * SCALE) for x, y in points],
            fill=fill,
            width=width * SCALE,
            joint="curve",
        )

    def text(self, xy, value, size, fill, bold=False, anchor="la"):
        self.draw.text(self._s(xy), value, font=font(size * SCALE, bold), fill=fill, anchor=anchor)

    def text_size(self, value, size, bold=False):
        left, top, right, bottom = self.draw.textbbox((0, 0), value, font=font(size * SCALE, bold))
        return (right - left) / SCALE, (bottom - top) / SCALE

    def save(self, name, colors=64):
        small = self.image.resize((self.width, self.height), Image.Resampling.LANCZOS)
        small = small.quantize(colors=colors, method=Image.Quantize.MEDIANCUT, dither=0)
        small.save(OUT / name, optimize=True)


_FONTS = {}


def font(size, bold=False):
    key = (round(size), bold)
    if key not in _FONTS:
        path = FONT_DIR / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")
        _FONTS[key] = ImageFont.truetype(str(path), key[0])
    return _FONTS[key]


def mix(a, b, t):
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))


def hex_rgb(value):
    value = value.lstrip("#")
    return tuple(int(value[i : i + 2], 16) for i in (0, 2, 4))


def sky(pen, top, bottom, bands=7, height=None):
    height = height or pen.height
    step = height / bands
    for i in range(bands):
        pen.rect((0, i * step, pen.width, (i + 1) * step + 1), fill=mix(top, bottom, i / bands))


def sun(pen, x, y, r, color):
    pen.circle(x, y, r * 1.6, fill=mix(color, (255, 255, 255), 0.55))
    pen.circle(x, y, r * 1.25, fill=mix(color, (255, 255, 255), 0.3))
    pen.circle(x, y, r, fill=color)


def cloud(pen, x, y, s, color):
    for dx, dy, r in ((0, 0, 1.0), (0.9, -0.35, 1.2), (1.9, 0, 0.95), (0.9, 0.25, 1.0)):
        pen.ellipse(x + dx * s, y + dy * s, r * s * 1.1, r * s * 0.8, fill=color)


def hill_y(x, base, amp, freq, phase):
    return base - amp * math.sin(x * freq + phase)


def hill(pen, base, amp, freq, phase, color, rows=None, row_color=None, bottom=None):
    bottom = bottom or pen.height
    points = [(x, hill_y(x, base, amp, freq, phase)) for x in range(0, pen.width + 11, 10)]
    pen.poly([*points, (pen.width, bottom), (0, bottom)], fill=color)
    if rows:
        for k in range(1, rows + 1):
            offset = k * k * 2.2 + k * 6
            pen.line([(x, y + offset) for x, y in points if y + offset < bottom], row_color, 2)


def tree(pen, x, y, s, leaf, trunk=(120, 90, 60), fruit=None):
    pen.rect((x - s * 0.12, y - s * 0.9, x + s * 0.12, y), fill=trunk, radius=2)
    pen.circle(x, y - s * 1.15, s * 0.62, fill=leaf)
    pen.circle(x - s * 0.35, y - s * 0.95, s * 0.42, fill=mix(leaf, (0, 0, 0), 0.08))
    pen.circle(x + s * 0.38, y - s * 1.0, s * 0.45, fill=mix(leaf, (255, 255, 255), 0.08))
    if fruit:
        for fx, fy in ((-0.3, -1.1), (0.25, -1.35), (0.4, -0.95), (-0.05, -0.85), (0, -1.5)):
            pen.circle(x + fx * s, y + fy * s, s * 0.08, fill=fruit)


def house(pen, x, y, w, h, wall, roof, door=(120, 85, 60)):
    pen.rect((x, y - h, x + w, y), fill=wall)
    pen.poly([(x - w * 0.1, y - h), (x + w / 2, y - h - h * 0.7), (x + w * 1.1, y - h)], fill=roof)
    pen.rect((x + w * 0.4, y - h * 0.55, x + w * 0.6, y), fill=door, radius=2)
    pen.rect((x + w * 0.12, y - h * 0.75, x + w * 0.3, y - h * 0.5), fill=(250, 240, 210))
    pen.rect((x + w * 0.7, y - h * 0.75, x + w * 0.88, y - h * 0.5), fill=(250, 240, 210))


def tomato(pen, x, y, r):
    pen.circle(x, y, r, fill=(222, 84, 66))
    pen.circle(x - r * 0.35, y - r * 0.35, r * 0.25, fill=(238, 130, 110))
    pen.poly(
        [
            (x - r * 0.4, y - r * 0.8),
            (x, y - r * 1.1),
            (x + r * 0.4, y - r * 0.8),
            (x, y - r * 0.6),
        ],
        fill=(86, 140, 70),
    )


def carrot(pen, x, y, length, angle=0.0):
    dx, dy = math.sin(angle), -math.cos(angle)
    px, py = -dy, dx
    w = length * 0.16
    tip = (x + dx * length, y + dy * length)
    pen.poly([(x + px * w, y + py * w), tip, (x - px * w, y - py * w)], fill=(238, 140, 60))
    for spread in (-0.5, 0, 0.5):
        a = angle + math.pi + spread
        pen.line(
            [(x, y), (x + math.sin(a) * length * 0.45, y - math.cos(a) * length * 0.45)],
            (92, 150, 70),
            4,
        )


def salad(pen, x, y, r):
    for dx, dy, k in ((-0.5, 0.1, 0.7), (0.5, 0.1, 0.7), (0, -0.3, 0.75), (0, 0.2, 0.6)):
        pen.circle(x + dx * r, y + dy * r, r * k, fill=mix((120, 180, 90), (70, 130, 60), k - 0.6))
    pen.circle(x, y, r * 0.35, fill=(170, 210, 120))


def leek(pen, x, y, length, angle=-0.3):
    dx, dy = math.sin(angle), -math.cos(angle)
    mid = (x + dx * length * 0.55, y + dy * length * 0.55)
    end = (x + dx * length, y + dy * length)
    pen.line([(x, y), mid], (240, 236, 215), 12)
    pen.line([mid, end], (100, 150, 80), 12)


def aubergine(pen, x, y, r):
    pen.ellipse(x, y, r * 0.7, r * 1.15, fill=(104, 62, 120))
    pen.poly(
        [(x - r * 0.45, y - r * 1.0), (x, y - r * 1.45), (x + r * 0.45, y - r * 1.0)],
        fill=(96, 140, 70),
    )


def pumpkin(pen, x, y, r):
    for dx in (-0.5, 0.5, 0):
        pen.ellipse(x + dx * r, y, r * 0.65, r * 0.8, fill=(228, 134, 52) if dx else (240, 152, 70))
    pen.rect((x - r * 0.08, y - r * 1.05, x + r * 0.08, y - r * 0.7), fill=(110, 120, 60))


def basket(pen, cx, cy, w, color=(176, 124, 72), produce=True):
    h = w * 0.42
    if produce:
        salad(pen, cx - w * 0.25, cy - h * 0.05, w * 0.16)
        leek(pen, cx + w * 0.05, cy, w * 0.55, -0.25)
        carrot(pen, cx + w * 0.28, cy - h * 0.1, w * 0.32, 0.5)
        tomato(pen, cx - w * 0.02, cy - h * 0.12, w * 0.1)
        tomato(pen, cx + w * 0.16, cy - h * 0.05, w * 0.09)
        aubergine(pen, cx - w * 0.38, cy - h * 0.2, w * 0.09)
    pen.poly(
        [(cx - w / 2, cy), (cx + w / 2, cy), (cx + w * 0.38, cy + h), (cx - w * 0.38, cy + h)],
        fill=color,
    )
    dark = mix(color, (0, 0, 0), 0.25)
    for k in range(1, 4):
        y = cy + h * k / 4
        t = k / 4
        pen.line([(cx - w / 2 + w * 0.12 * t, y), (cx + w / 2 - w * 0.12 * t, y)], dark, 3)
    for k in range(-3, 4):
        pen.line([(cx + k * w / 8, cy), (cx + k * w * 0.38 / 4, cy + h)], dark, 2)
    pen.rect(
        (cx - w * 0.53, cy - 6, cx + w * 0.53, cy + 6), fill=mix(color, (0, 0, 0), 0.1), radius=6
    )


def person(pen, x, y, s, body, skin=(240, 200, 170), hair=(80, 60, 50), style="short"):
    """A simple figure standing on (x, y), s high."""
    head = s * 0.17
    hy = y - s + head
    if style == "long":
        for side in (-1, 1):
            pen.rect(
                (
                    x + side * head * 0.55 - head * 0.55,
                    hy - head * 0.4,
                    x + side * head * 0.55 + head * 0.55,
                    hy + head * 1.9,
                ),
                fill=hair,
                radius=head * 0.5,
            )
    pen.rect((x - s * 0.22, hy + head * 1.1, x + s * 0.22, y), fill=body, radius=s * 0.12)
    pen.circle(x, hy, head, fill=skin)
    if style in ("short", "long"):
        pen.ellipse(x, hy - head * 0.55, head * 1.02, head * 0.55, fill=hair)
    elif style == "bun":
        pen.ellipse(x, hy - head * 0.55, head * 1.02, head * 0.55, fill=hair)
        pen.circle(x, hy - head * 1.2, head * 0.45, fill=hair)
    elif style == "cap":
        pen.ellipse(x, hy - head * 0.5, head * 1.05, head * 0.6, fill=hair)
        pen.rect((x, hy - head * 0.35, x + head * 1.6, hy - head * 0.1), fill=hair, radius=3)
    elif style == "hat":
        pen.ellipse(x, hy - head * 0.55, head * 1.7, head * 0.3, fill=hair)
        pen.ellipse(x, hy - head * 0.85, head * 0.9, head * 0.5, fill=hair)
    pen.circle(x - head * 0.35, hy + head * 0.05, max(1.5, head * 0.1), fill=(40, 40, 40))
    pen.circle(x + head * 0.35, hy + head * 0.05, max(1.5, head * 0.1), fill=(40, 40, 40))
    pen.line(
        [
            (x - head * 0.3, hy + head * 0.45),
            (x, hy + head * 0.55),
            (x + head * 0.3, hy + head * 0.45),
        ],
        (120, 60, 50),
        max(1, round(head * 0.08)),
    )


def hail(pen, box, count, rng, color=(245, 248, 255)):
    x0, y0, x1, y1 = box
    for _ in range(count):
        x, y = rng.uniform(x0, x1), rng.uniform(y0, y1)
        pen.line([(x, y), (x - 6, y - 14)], mix(color, (140, 150, 170), 0.5), 1)
        pen.circle(x, y, rng.uniform(2.5, 4.5), fill=color)


def document_card(pen, x, y, w, h, paper=(255, 255, 255), ink=(170, 180, 200)):
    pen.rect((x + 6, y + 6, x + w + 6, y + h + 6), fill=mix(paper, (0, 0, 0), 0.12), radius=8)
    pen.rect((x, y, x + w, y + h), fill=paper, radius=8)
    for k in range(5):
        ly = y + h * 0.2 + k * h * 0.14
        pen.line([(x + w * 0.14, ly), (x + w * (0.86 if k % 3 else 0.6), ly)], ink, 4)


def padlock(pen, x, y, s, color):
    pen.rect(
        (x - s * 0.32, y - s * 0.85, x + s * 0.32, y - s * 0.2),
        outline=color,
        width=max(3, round(s * 0.1)),
        radius=s * 0.3,
    )
    pen.rect((x - s * 0.5, y - s * 0.45, x + s * 0.5, y + s * 0.35), fill=color, radius=s * 0.1)
    pen.circle(x, y - s * 0.1, s * 0.09, fill=(255, 255, 255))
    pen.rect((x - s * 0.03, y - s * 0.1, x + s * 0.03, y + s * 0.12), fill=(255, 255, 255))


def play_button(pen, x, y, r, color=(255, 255, 255), alpha_bg=(30, 30, 30)):
    pen.circle(x, y, r + 6, fill=mix(alpha_bg, (255, 255, 255), 0.75))
    pen.circle(x, y, r, fill=alpha_bg)
    pen.poly(
        [(x - r * 0.3, y - r * 0.45), (x + r * 0.5, y), (x - r * 0.3, y + r * 0.45)], fill=color
    )


def jar(pen, x, y, w, h, glass=(214, 232, 236), coin=(236, 190, 80)):
    pen.rect((x - w / 2, y - h, x + w / 2, y), fill=glass, radius=w * 0.18)
    pen.rect(
        (x - w * 0.36, y - h - h * 0.1, x + w * 0.36, y - h + 4), fill=(150, 120, 90), radius=4
    )
    for k in range(7):
        cy = y - 12 - k * 9
        pen.ellipse(
            x + (k % 2) * 8 - 4,
            cy,
            w * 0.3,
            7,
            fill=coin,
            outline=mix(coin, (0, 0, 0), 0.3),
            width=1,
        )
    pen.rect((x - w * 0.12, y - h * 1.35, x + w * 0.12, y - h * 1.15), fill=coin, radius=3)
    pen.line([(x - w * 0.32, y - h * 0.85), (x - w * 0.32, y - h * 0.3)], (250, 252, 255), 4)


def crate(pen, x, y, w, color=(200, 160, 110)):
    h = w * 0.4
    pen.rect((x - w / 2, y - h, x + w / 2, y), fill=color, radius=3)
    for k in (1, 2):
        pen.line(
            [(x - w / 2, y - h * k / 3), (x + w / 2, y - h * k / 3)], mix(color, (0, 0, 0), 0.2), 2
        )


# ---------------------------------------------------------------------------------------------
# Cover images, 800 × 500
# ---------------------------------------------------------------------------------------------

W, H = 800, 500


def landscape(pen, sky_top, sky_bottom, hills, sun_at=None, sun_color=(250, 205, 110)):
    sky(pen, sky_top, sky_bottom)
    if sun_at:
        sun(pen, *sun_at, sun_color)
    for base, amp, freq, phase, color, rows in hills:
        hill(pen, base, amp, freq, phase, color, rows, mix(color, (0, 0, 0), 0.12))


def cover_paniers_solidaires():
    pen = Pen(W, H, (0, 0, 0))
    landscape(
        pen,
        (253, 226, 196),
        (255, 243, 226),
        [(300, 30, 0.008, 0.5, (236, 196, 140), 0), (360, 26, 0.011, 2.0, (214, 168, 112), 4)],
        sun_at=(640, 110, 48),
    )
    pen.rect((0, 400, W, H), fill=(196, 130, 92))
    pen.rect((0, 400, W, 412), fill=(214, 150, 110))
    basket(pen, 400, 330, 260)
    person(pen, 150, 430, 210, (226, 120, 88), (176, 120, 90), (60, 40, 30), "long")
    person(pen, 650, 430, 220, (236, 172, 72), (240, 200, 170), (120, 80, 50), "short")
    person(pen, 560, 440, 150, (120, 170, 150), (150, 100, 70), (40, 30, 30), "bun")
    pen.save("cover-paniers-solidaires.png")


def cover_grele_vergers(rng):
    pen = Pen(W, H, (0, 0, 0))
    landscape(
        pen,
        (150, 160, 182),
        (214, 214, 222),
        [(330, 24, 0.009, 1.0, (150, 180, 130), 0), (390, 18, 0.012, 3.0, (126, 160, 110), 3)],
    )
    for x in (-20, 140, 560):
        cloud(pen, x, 70, 70, (96, 104, 128))
    cloud(pen, 330, 50, 80, (110, 118, 140))
    for i, x in enumerate(range(90, 800, 140)):
        tree(pen, x, 400 + (i % 2) * 25, 110, (108, 150, 96), fruit=(244, 156, 90))
    hail(pen, (0, 110, W, 470), 110, rng)
    pen.save("cover-grele-vergers.png")


def cover_transmission_ferme():
    pen = Pen(W, H, (0, 0, 0))
    landscape(
        pen,
        (196, 222, 236),
        (238, 244, 236),
        [
            (290, 30, 0.007, 0.3, (178, 204, 140), 0),
            (350, 28, 0.010, 1.5, (150, 186, 116), 0),
            (420, 14, 0.013, 3.5, (122, 164, 98), 5),
        ],
        sun_at=(130, 100, 42),
    )
    house(pen, 470, 300, 150, 90, (244, 232, 208), (176, 92, 70))
    pen.rect((640, 225, 700, 300), fill=(164, 128, 96))
    pen.poly([(632, 225), (670, 195), (708, 225)], fill=(120, 90, 70))
    tree(pen, 420, 305, 90, (96, 146, 90))
    pen.poly(
        [
            (548, 300),
            (566, 300),
            (530, 370),
            (485, 430),
            (470, 500),
            (380, 500),
            (420, 430),
            (490, 370),
        ],
        fill=(226, 208, 166),
    )
    person(pen, 330, 460, 190, (92, 120, 170), (236, 196, 168), (190, 190, 190), "bun")
    person(pen, 235, 470, 200, (214, 120, 80), (150, 100, 70), (40, 30, 25), "cap")
    pen.save("cover-transmission-ferme.png")


def cover_territoire_pat():
    pen = Pen(W, H, (234, 226, 196))
    colors = [
        (190, 210, 140),
        (226, 206, 120),
        (160, 196, 120),
        (208, 180, 120),
        (140, 180, 110),
        (236, 220, 160),
        (176, 200, 150),
    ]
    cols, rows = [0, 130, 290, 400, 560, 680, 800], [0, 120, 230, 370, 500]
    k = 0
    for r in range(len(rows) - 1):
        for c in range(len(cols) - 1):
            color = colors[k % len(colors)]
            x0, y0, x1, y1 = cols[c] + 6, rows[r] + 6, cols[c + 1] - 6, rows[r + 1] - 6
            pen.rect((x0, y0, x1, y1), fill=color, radius=10)
            if k % 3 == 0:
                for yy in range(int(y0) + 12, int(y1) - 6, 14):
                    pen.line([(x0 + 10, yy), (x1 - 10, yy)], mix(color, (0, 0, 0), 0.15), 3)
            k += 1
    pen.line([(0, 300), (250, 260), (420, 300), (800, 220)], (250, 246, 232), 14)
    pen.line([(380, 0), (400, 180), (360, 500)], (140, 186, 214), 12)
    for x, y in ((430, 170), (470, 150), (500, 190), (455, 205), (520, 160)):
        house(pen, x, y, 34, 24, (250, 244, 230), (196, 98, 76))
    tree(pen, 600, 440, 60, (96, 146, 90))
    tree(pen, 120, 200, 50, (96, 146, 90))
    pen.save("cover-territoire-pat.png")


def cover_kit_rgpd():
    pen = Pen(W, H, (0, 0, 0))
    sky(pen, (204, 206, 238), (232, 230, 246))
    pen.circle(640, 120, 160, fill=(216, 214, 242))
    pen.circle(120, 420, 140, fill=(196, 200, 236))
    document_card(pen, 170, 110, 200, 270)
    document_card(pen, 300, 80, 200, 280, ink=(180, 170, 220))
    padlock(pen, 540, 360, 150, (110, 96, 176))
    basket(pen, 665, 400, 130, produce=False)
    pen.save("cover-kit-rgpd.png")


def cover_creer_amap():
    pen = Pen(W, H, (0, 0, 0))
    landscape(
        pen,
        (196, 230, 226),
        (236, 246, 240),
        [(330, 20, 0.008, 1.0, (150, 200, 170), 0)],
        sun_at=(690, 90, 40),
    )
    pen.rect((0, 380, W, H), fill=(110, 160, 150))
    pen.rect((200, 320, 600, 340), fill=(150, 110, 80), radius=4)
    pen.rect((220, 340, 235, 430), fill=(130, 95, 70))
    pen.rect((565, 340, 580, 430), fill=(130, 95, 70))
    crate(pen, 290, 320, 110, (214, 170, 110))
    salad(pen, 270, 280, 22)
    salad(pen, 312, 282, 20)
    crate(pen, 420, 320, 110, (204, 160, 100))
    for i in range(4):
        tomato(pen, 390 + i * 20, 288, 12)
    crate(pen, 530, 320, 90, (214, 170, 110))
    carrot(pen, 510, 300, 40, 0.3)
    carrot(pen, 540, 300, 40, -0.2)
    people = [
        (90, (230, 126, 90), "long"),
        (680, (90, 140, 190), "cap"),
        (745, (236, 180, 80), "short"),
        (150, (120, 170, 120), "bun"),
    ]
    for x, body, style in people:
        person(pen, x, 470, 200, body, (230, 190, 160), (70, 50, 40), style)
    pen.save("cover-creer-amap.png")


def cover_reseau_regional(rng):
    pen = Pen(W, H, (0, 0, 0))
    landscape(
        pen,
        (226, 214, 240),
        (244, 238, 246),
        [(330, 34, 0.006, 0.6, (190, 210, 170), 0), (400, 26, 0.010, 2.2, (160, 190, 146), 0)],
    )
    nodes = [
        (120, 160),
        (260, 100),
        (390, 190),
        (530, 120),
        (660, 200),
        (220, 290),
        (450, 300),
        (620, 330),
        (330, 400),
        (520, 430),
        (720, 420),
        (90, 390),
    ]
    for i, (x0, y0) in enumerate(nodes):
        for x1, y1 in nodes[i + 1 :]:
            if math.hypot(x1 - x0, y1 - y0) < 200:
                pen.line([(x0, y0), (x1, y1)], (150, 120, 180), 3)
    for x, y in nodes:
        r = rng.uniform(14, 24)
        pen.circle(x, y, r + 5, fill=(255, 255, 255))
        pen.circle(x, y, r, fill=rng.choice([(150, 110, 190), (110, 170, 120), (236, 160, 90)]))
    pen.save("cover-reseau-regional.png")


def cover_education_populaire():
    pen = Pen(W, H, (252, 236, 196))
    pen.circle(400, 280, 300, fill=(250, 222, 170))
    pen.ellipse(400, 330, 300, 110, fill=(236, 196, 130))
    seats = []
    colors = [
        (226, 104, 80),
        (90, 150, 190),
        (120, 170, 110),
        (236, 170, 60),
        (170, 110, 170),
        (70, 130, 120),
        (220, 130, 150),
        (150, 120, 90),
    ]
    for i in range(8):
        a = -math.pi / 2 + i * 2 * math.pi / 8
        seats.append((400 + math.cos(a) * 270, 330 + math.sin(a) * 100))
    pairs = [(0, 3), (1, 5), (2, 6), (3, 7), (4, 0), (5, 2), (6, 1), (7, 4), (0, 5), (2, 7)]
    order = sorted(range(8), key=lambda i: seats[i][1])
    for i in order:
        x, y = seats[i]
        person(
            pen,
            x,
            y + 40,
            140,
            colors[i],
            (232, 190, 160) if i % 3 else (150, 100, 70),
            (60, 45, 35),
            ("short", "long", "bun", "cap")[i % 4],
        )
    for a, b in pairs:
        pen.line([(seats[a][0], seats[a][1] - 5), (seats[b][0], seats[b][1] - 5)], (196, 60, 50), 2)
    for x, y in seats:
        pen.circle(x, y - 5, 5, fill=(232, 190, 160))
    pen.save("cover-education-populaire.png")


def cover_interventions_scolaires():
    pen = Pen(W, H, (0, 0, 0))
    sky(pen, (210, 236, 214), (240, 248, 236))
    sun(pen, 120, 100, 46, (250, 210, 100))
    pen.rect((0, 360, W, H), fill=(200, 170, 130))
    for i, x in enumerate(range(150, 760, 150)):
        pen.poly([(x - 45, 300), (x + 45, 300), (x + 34, 380), (x - 34, 380)], fill=(204, 110, 70))
        pen.rect((x - 50, 290, x + 50, 306), fill=(186, 96, 60), radius=4)
        height = 50 + i * 18
        pen.line([(x, 292), (x, 292 - height)], (96, 150, 80), 5)
        pen.ellipse(x - 18, 292 - height + 10, 20, 9, fill=(120, 180, 90))
        pen.ellipse(x + 18, 292 - height + 20, 20, 9, fill=(110, 170, 80))
        if i > 1:
            pen.ellipse(x - 16, 292 - height + 40, 18, 8, fill=(120, 180, 90))
    pen.line([(0, 440), (800, 440)], (180, 150, 110), 4)
    pen.save("cover-interventions-scolaires.png")


def comic_frame(pen, color):
    pen.rect((10, 10, W - 10, H - 10), outline=(40, 40, 40), width=5, radius=14)
    pen.rect((22, 22, 110, 48), fill=color, radius=6)


def cover_bd_paysan():
    pen = Pen(W, H, (0, 0, 0))
    landscape(
        pen,
        (255, 214, 170),
        (255, 236, 204),
        [(300, 30, 0.008, 0.2, (190, 214, 140), 0), (360, 22, 0.012, 1.9, (150, 196, 110), 7)],
        sun_at=(620, 120, 54),
        sun_color=(250, 170, 80),
    )
    person(pen, 330, 470, 280, (90, 150, 190), (176, 120, 90), (40, 30, 25), "long")
    pen.line([(420, 200), (450, 470)], (140, 100, 60), 8)
    pen.poly([(430, 460), (480, 470), (470, 486), (425, 480)], fill=(150, 150, 160))
    for x in (560, 620, 680, 740):
        salad(pen, x, 440, 24)
    pen.circle(520, 150, 42, fill=(255, 255, 255), outline=(40, 40, 40), width=3)
    pen.text((520, 150), "?", 52, (226, 104, 80), bold=True, anchor="mm")
    pen.poly([(492, 178), (470, 210), (510, 186)], fill=(255, 255, 255))
    comic_frame(pen, (226, 104, 80))
    pen.save("cover-bd-paysan-pourquoi-pas-moi.png")


def cover_bd_charte():
    pen = Pen(W, H, (0, 0, 0))
    sky(pen, (250, 222, 140), (252, 240, 200))
    sun(pen, 400, 130, 60, (246, 186, 80))
    pen.rect((0, 380, W, H), fill=(140, 180, 200))
    pen.rect((250, 150, 550, 430), fill=(255, 250, 236), radius=12)
    pen.ellipse(250, 290, 22, 140, fill=(230, 214, 180))
    pen.ellipse(550, 290, 22, 140, fill=(230, 214, 180))
    for k in range(8):
        y = 190 + k * 28
        pen.line([(300, y), (500 if k % 3 else 430, y)], (180, 150, 110), 5)
    person(pen, 150, 470, 220, (226, 104, 80), (232, 190, 160), (60, 40, 30), "cap")
    person(pen, 660, 470, 210, (120, 170, 110), (150, 100, 70), (30, 25, 20), "long")
    comic_frame(pen, (90, 150, 190))
    pen.save("cover-bd-charte.png")


def cover_bd_grele(rng):
    pen = Pen(W, H, (0, 0, 0))
    sky(pen, (104, 96, 140), (170, 160, 186))
    for x in (-30, 200, 450, 650):
        cloud(pen, x, 80, 80, (70, 66, 100))
    hill(pen, 340, 20, 0.01, 1.0, (120, 160, 100), 6, (100, 140, 84))
    for x in range(80, 800, 120):
        tomato(pen, x, 410, 18)
        salad(pen, x + 55, 440, 20)
    hail(pen, (0, 120, W, 480), 140, rng)
    comic_frame(pen, (110, 96, 176))
    pen.save("cover-bd-grele.png")


def cover_bd_panier_pour_tous():
    pen = Pen(W, H, (0, 0, 0))
    sky(pen, (250, 206, 190), (252, 232, 220))
    for x, h, color in (
        (40, 260, (210, 180, 200)),
        (170, 320, (190, 170, 210)),
        (560, 300, (206, 186, 210)),
        (680, 250, (186, 176, 206)),
    ):
        pen.rect((x, H - h, x + 110, H), fill=color)
        for wy in range(H - h + 20, H - 20, 36):
            for wx in (x + 15, x + 45, x + 75):
                pen.rect((wx, wy, wx + 20, wy + 20), fill=(250, 240, 210))
    pen.rect((0, 430, W, H), fill=(170, 150, 170))
    basket(pen, 400, 330, 280)
    pen.circle(400, 130, 40, fill=(232, 96, 110))
    pen.circle(372, 122, 26, fill=(232, 96, 110))
    pen.circle(428, 122, 26, fill=(232, 96, 110))
    pen.poly([(350, 130), (400, 190), (450, 130)], fill=(232, 96, 110))
    comic_frame(pen, (232, 96, 110))
    pen.save("cover-bd-panier-pour-tous.png")


def cover_bd_journal():
    pen = Pen(W, H, (244, 236, 220))
    pen.rect((140, 60, 660, 450), fill=(120, 150, 110), radius=16)
    pen.rect((160, 70, 650, 440), fill=(255, 252, 244), radius=10)
    for y in range(110, 430, 28):
        pen.line([(180, y), (630, y)], (200, 210, 230), 2)
    pen.line([(210, 70), (210, 440)], (236, 150, 150), 2)
    for y in range(90, 440, 40):
        pen.circle(150, y, 8, fill=(90, 90, 90))
    for i, x in enumerate((300, 380, 460, 540)):
        pen.ellipse(x, 300 + (i % 2) * 14, 38, 26, fill=(190, 150, 110))
        pen.ellipse(x + 12, 292 + (i % 2) * 14, 12, 8, fill=(210, 176, 140))
    pen.text((400, 190), "!", 80, (226, 104, 80), bold=True, anchor="mm")
    comic_frame(pen, (120, 150, 110))
    pen.save("cover-bd-journal-amapien.png")


def cover_bd_clic_clac():
    pen = Pen(W, H, (0, 0, 0))
    sky(pen, (200, 226, 244), (232, 242, 250))
    pen.rect((0, 380, W, H), fill=(190, 160, 130))
    pen.rect((230, 140, 570, 350), fill=(60, 70, 90), radius=10)
    pen.rect((246, 156, 554, 334), fill=(226, 244, 236), radius=4)
    pen.poly([(190, 350), (610, 350), (650, 386), (150, 386)], fill=(90, 100, 120))
    for k in range(4):
        pen.rect((270, 180 + k * 36, 530, 204 + k * 36), fill=(170, 214, 190), radius=5)
        pen.circle(290, 192 + k * 36, 7, fill=(80, 150, 110))
    basket(pen, 700, 360, 150)
    padlock(pen, 110, 330, 90, (80, 150, 110))
    comic_frame(pen, (80, 150, 110))
    pen.save("cover-bd-clic-clac.png")


def cover_etat_des_lieux():
    pen = Pen(W, H, (0, 0, 0))
    landscape(
        pen,
        (220, 232, 242),
        (242, 246, 248),
        [(380, 20, 0.008, 0.5, (176, 206, 160), 0), (430, 14, 0.012, 2.0, (150, 190, 140), 4)],
    )
    values = [150, 210, 260, 240, 290, 310]
    for i, v in enumerate(values):
        x = 160 + i * 90
        pen.rect(
            (x, 400 - v, x + 60, 400), fill=mix((90, 140, 190), (120, 180, 150), i / 5), radius=6
        )
    pen.line(
        [(190, 400 - values[0] - 30)]
        + [(190 + i * 90, 400 - v - 30) for i, v in enumerate(values)],
        (226, 120, 80),
        5,
    )
    for i, v in enumerate(values):
        pen.circle(190 + i * 90, 400 - v - 30, 9, fill=(226, 120, 80))
    pen.save("cover-etat-des-lieux.png")


def cover_aleas_cagnottes(rng):
    pen = Pen(W, H, (0, 0, 0))
    sky(pen, (186, 200, 214), (236, 232, 222))
    cloud(pen, 60, 90, 70, (140, 150, 170))
    cloud(pen, 250, 70, 60, (150, 160, 178))
    hail(pen, (40, 130, 360, 300), 40, rng)
    sun(pen, 660, 110, 44, (250, 200, 100))
    hill(pen, 360, 16, 0.01, 0.3, (196, 190, 140), 5, (176, 170, 120))
    jar(pen, 450, 440, 150, 200)
    for i, x in enumerate((150, 250, 620, 720)):
        person(
            pen,
            x,
            480,
            170,
            [(226, 104, 80), (90, 140, 190), (120, 170, 110), (236, 170, 60)][i],
            (232, 190, 160),
            (60, 45, 35),
            ("short", "long", "cap", "bun")[i],
        )
    pen.save("cover-aleas-cagnottes.png")


def cover_video_transmission():
    pen = Pen(W, H, (0, 0, 0))
    landscape(
        pen,
        (214, 226, 232),
        (236, 240, 236),
        [
            (280, 40, 0.006, 1.2, (150, 160, 140), 0),
            (350, 30, 0.009, 2.5, (170, 196, 130), 0),
            (420, 16, 0.012, 0.5, (140, 180, 110), 0),
        ],
        sun_at=(150, 90, 36),
    )
    for x, y in ((180, 400), (260, 420), (560, 390), (640, 430), (470, 450)):
        pen.ellipse(x, y, 40, 26, fill=(250, 248, 240))
        pen.circle(x + 34, y - 10, 13, fill=(70, 60, 60))
        pen.rect((x - 25, y + 15, x - 19, y + 36), fill=(70, 60, 60))
        pen.rect((x + 15, y + 15, x + 21, y + 36), fill=(70, 60, 60))
    play_button(pen, 400, 230, 56)
    pen.save("cover-video-transmission.png")


def cover_video_reseau(rng):
    pen = Pen(W, H, (0, 0, 0))
    sky(pen, (206, 232, 222), (238, 246, 240))
    hill(pen, 400, 24, 0.009, 0.7, (160, 196, 150), 5, (140, 176, 130))
    for x in range(60, 800, 110):
        h = rng.uniform(40, 90)
        house(
            pen,
            x,
            420,
            56,
            h * 0.6,
            (250, 244, 232),
            rng.choice([(196, 98, 76), (150, 110, 170), (90, 140, 180)]),
        )
    nodes = [(100, 120), (250, 80), (420, 130), (560, 70), (700, 140)]
    pen.line(nodes, (120, 160, 140), 4)
    for x, y in nodes:
        pen.circle(x, y, 16, fill=(255, 255, 255))
        pen.circle(x, y, 11, fill=(90, 150, 120))
    play_button(pen, 400, 260, 52)
    pen.save("cover-video-reseau.png")


def make_covers():
    rng = random.Random(2024)
    cover_paniers_solidaires()
    cover_grele_vergers(rng)
    cover_transmission_ferme()
    cover_territoire_pat()
    cover_kit_rgpd()
    cover_creer_amap()
    cover_reseau_regional(rng)
    cover_education_populaire()
    cover_interventions_scolaires()
    cover_bd_paysan()
    cover_bd_charte()
    cover_bd_grele(rng)
    cover_bd_panier_pour_tous()
    cover_bd_journal()
    cover_bd_clic_clac()
    cover_etat_des_lieux()
    cover_aleas_cagnottes(rng)
    cover_video_transmission()
    cover_video_reseau(rng)


# ---------------------------------------------------------------------------------------------
# Comic page previews, 600 × 850: panels, simple figures and speech bubbles
# ---------------------------------------------------------------------------------------------

PW, PH = 600, 850
INK = (35, 35, 40)


def wrap(pen, value, size, width, bold=False):
    lines, current = [], ""
    for word in value.split():
        candidate = f"{current} {word}".strip()
        if pen.text_size(candidate, size, bold)[0] <= width or not current:
            current = candidate
        else:
            lines.append(current)
            current = word
    lines.append(current)
    return lines


def scene(pen, kind, box, rng):
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    horizon = y0 + h * 0.55
    if kind in ("field", "farm", "party"):
        pen.rect((x0, y0, x1, horizon + 20), fill=(206, 230, 242))
        if kind == "farm":
            house(
                pen, x0 + w * 0.68, horizon + 8, w * 0.16, h * 0.14, (248, 238, 214), (186, 96, 72)
            )
        points = [
            (x, horizon - 8 * math.sin((x - x0) / 40)) for x in range(int(x0), int(x1) + 6, 6)
        ]
        pen.poly([*points, (x1, y1), (x0, y1)], fill=(164, 200, 124))
        for k in range(1, 6):
            pen.line(
                [(x, y + k * k * 2 + k * 7) for x, y in points if y + k * k * 2 + k * 7 < y1],
                (140, 180, 104),
                2,
            )
        if kind == "party":
            pen.line([(x0, y0 + 20), (x0 + w / 2, y0 + 40), (x1, y0 + 20)], INK, 1)
            for i in range(9):
                t = (i + 0.5) / 9
                gx = x0 + w * t
                gy = y0 + 20 + 20 * (1 - abs(2 * t - 1))
                pen.poly(
                    [(gx - 8, gy), (gx + 8, gy), (gx, gy + 16)],
                    fill=[(226, 104, 80), (236, 186, 70), (90, 150, 190)][i % 3],
                )
    elif kind == "storm":
        pen.rect((x0, y0, x1, horizon + 20), fill=(110, 104, 146))
        for cx in (x0 - 20, x0 + w * 0.35, x0 + w * 0.7):
            cloud(pen, cx, y0 + 30, 34, (78, 74, 108))
        pen.rect((x0, horizon + 10, x1, y1), fill=(120, 156, 100))
        hail(pen, (x0 + 4, y0 + 50, x1 - 4, y1 - 4), int(w * h / 2600), rng)
    elif kind == "city":
        pen.rect((x0, y0, x1, y1), fill=(250, 218, 206))
        for i, bx in enumerate(range(int(x0) - 10, int(x1), 70)):
            top = y0 + 20 + (i % 3) * 25
            pen.rect(
                (bx, top, bx + 60, y1),
                fill=[(214, 190, 210), (196, 180, 214), (220, 200, 200)][i % 3],
            )
            for wy in range(int(top) + 12, int(y1) - 12, 28):
                pen.rect((bx + 12, wy, bx + 24, wy + 12), fill=(252, 242, 214))
                pen.rect((bx + 36, wy, bx + 48, wy + 12), fill=(252, 242, 214))
        pen.rect((x0, y1 - h * 0.18, x1, y1), fill=(180, 170, 180))
    elif kind == "night":
        pen.rect((x0, y0, x1, y1), fill=(46, 56, 96))
        pen.circle(x1 - 50, y0 + 45, 22, fill=(250, 240, 200))
        pen.circle(x1 - 40, y0 + 38, 20, fill=(46, 56, 96))
        for _ in range(14):
            pen.circle(
                rng.uniform(x0, x1), rng.uniform(y0, y0 + h * 0.4), 1.6, fill=(250, 250, 230)
            )
        pen.rect((x0 + 20, y0 + h * 0.35, x0 + w * 0.45, y1), fill=(90, 100, 140))
        for wy in range(int(y0 + h * 0.4), int(y1) - 10, 26):
            pen.rect((x0 + 34, wy, x0 + 50, wy + 14), fill=(250, 226, 140))
            pen.rect((x0 + 70, wy, x0 + 86, wy + 14), fill=(250, 226, 140))
    else:  # indoor, screen, market, meeting
        pen.rect((x0, y0, x1, y1), fill=(246, 232, 206))
        pen.rect((x0, y1 - h * 0.22, x1, y1), fill=(200, 170, 136))
        pen.rect(
            (x0 + w * 0.08, y0 + h * 0.12, x0 + w * 0.3, y0 + h * 0.42),
            fill=(200, 226, 240),
            outline=(170, 140, 110),
            width=3,
        )
        if kind == "meeting":
            for i in range(3):
                pen.rect(
                    (
                        x0 + w * (0.55 + i * 0.12),
                        y0 + h * 0.1,
                        x0 + w * (0.63 + i * 0.12),
                        y0 + h * 0.2,
                    ),
                    fill=[(226, 104, 80), (90, 150, 190), (236, 186, 70)][i],
                )


def foreground(pen, kind, box, taken=()):
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    if kind in ("market", "meeting"):
        top = y1 - h * 0.28
        pen.rect((x0 + w * 0.1, top, x1 - w * 0.1, top + 14), fill=(150, 110, 80), radius=3)
        pen.rect((x0 + w * 0.1, top + 14, x1 - w * 0.1, y1), fill=(176, 136, 100))
        if kind == "market":
            # Crates go where nobody stands, so that they never hide a face.
            free = sorted((0.2, 0.5, 0.8), key=lambda f: -min([abs(f - t) for t in taken] or [1]))
            for n, f in enumerate(free[:2]):
                cx, cw = x0 + w * f, min(w * 0.2, 90)
                crate(pen, cx, top, cw, ((200, 160, 110), (214, 176, 120))[n])
                if n == 0:
                    salad(pen, cx - cw * 0.2, top - cw * 0.3, cw * 0.2)
                    salad(pen, cx + cw * 0.2, top - cw * 0.28, cw * 0.18)
                else:
                    for k in (-1, 0, 1):
                        tomato(pen, cx + k * cw * 0.26, top - cw * 0.22, cw * 0.13)
    elif kind == "screen":
        top = y1 - h * 0.26
        pen.rect((x0 + w * 0.3, top, x1 - w * 0.05, top + 10), fill=(150, 110, 80))
        pen.rect((x0 + w * 0.5, top - h * 0.3, x0 + w * 0.85, top - 4), fill=(60, 70, 90), radius=6)
        pen.rect(
            (x0 + w * 0.52, top - h * 0.28, x0 + w * 0.83, top - 10), fill=(214, 240, 226), radius=3
        )
        for k in range(3):
            ly = top - h * 0.24 + k * h * 0.06
            pen.line([(x0 + w * 0.56, ly), (x0 + w * 0.79, ly)], (120, 180, 150), 4)


def bubble_height(pen, box, text, caption=False):
    lines = wrap(pen, text, 14, min(230, (box[2] - box[0]) * 0.78), caption)
    return 14 * 1.3 * len(lines) + 16 + 8


def bubble(pen, box, text, speaker_xy, top, caption=False):
    x0, _y0, x1, _y1 = box
    size = 14
    max_w = min(230, (x1 - x0) * 0.78)
    lines = wrap(pen, text, size, max_w, caption)
    line_h = size * 1.3
    tw = max(pen.text_size(line, size, caption)[0] for line in lines)
    bw, bh = tw + 24, line_h * len(lines) + 16
    if caption:
        bx = x0 + 8
        pen.rect((bx, top, bx + bw, top + bh), fill=(252, 232, 150), outline=INK, width=2)
    else:
        sx, sy = speaker_xy
        bx = min(max(sx - bw / 2, x0 + 8), x1 - 8 - bw)
        tail_x = min(max(sx, bx + 18), bx + bw - 18)
        pen.poly(
            [
                (tail_x - 9, top + bh - 2),
                (tail_x + 9, top + bh - 2),
                (sx + (4 if sx > tail_x else -4), sy),
            ],
            fill=(255, 255, 255),
        )
        pen.line(
            [(tail_x - 9, top + bh), (sx + (4 if sx > tail_x else -4), sy), (tail_x + 9, top + bh)],
            INK,
            2,
        )
        pen.rect(
            (bx, top, bx + bw, top + bh),
            fill=(255, 255, 255),
            outline=INK,
            width=2,
            radius=min(16, bh / 2),
        )
        pen.rect((tail_x - 8, top + bh - 4, tail_x + 8, top + bh - 1), fill=(255, 255, 255))
    for i, line in enumerate(lines):
        pen.text((bx + 12, top + 8 + i * line_h), line, size, INK, bold=caption)
    return top + bh + 8


def panel(pen, box, spec, cast, rng):
    x0, y0, x1, y1 = box
    h = y1 - y0
    scene(pen, spec["scene"], box, rng)
    # The figures shrink when the bubbles need the room above their heads.
    stack = sum(bubble_height(pen, box, text, who is None) for who, text in spec.get("say", []))
    height = min(h * spec.get("size", 0.6), h - 6 - 10 - stack - 16)
    heads = []
    for name, frac in spec.get("chars", []):
        body, skin, hair, style = cast[name]
        x = x0 + (x1 - x0) * frac
        person(pen, x, y1 - 6, height, body, skin, hair, style)
        heads.append((x, y1 - 6 - height - 4))
    foreground(pen, spec["scene"], box, [f for _name, f in spec.get("chars", [])])
    top = y0 + 10
    for who, text in spec.get("say", []):
        if who is None:
            top = bubble(pen, box, text, None, top, caption=True)
        else:
            top = bubble(pen, box, text, heads[who], top)
    pen.rect(box, outline=INK, width=3)


LAYOUTS = {
    "wide-two": lambda y0, y1: [
        (20, y0, 580, y0 + (y1 - y0) * 0.5 - 6),
        (20, y0 + (y1 - y0) * 0.5 + 6, 294, y1),
        (306, y0 + (y1 - y0) * 0.5 + 6, 580, y1),
    ],
    "two-wide": lambda y0, y1: [
        (20, y0, 294, y0 + (y1 - y0) * 0.5 - 6),
        (306, y0, 580, y0 + (y1 - y0) * 0.5 - 6),
        (20, y0 + (y1 - y0) * 0.5 + 6, 580, y1),
    ],
    "three": lambda y0, y1: [
        (
            20,
            y0 + (y1 - y0) * k / 3 + (6 if k else 0),
            580,
            y0 + (y1 - y0) * (k + 1) / 3 - (6 if k < 2 else 0),
        )
        for k in range(3)
    ],
}


def comic_page(name, title, number, layout, panels, cast, accent, rng):
    pen = Pen(PW, PH, (252, 250, 244))
    top = 20
    if number == 1:
        pen.rect((20, 20, 580, 96), fill=accent, radius=10)
        lines = wrap(pen, title, 24, 520)
        size = 24 if len(lines) == 1 else 20
        lines = wrap(pen, title, size, 530)
        for i, line in enumerate(lines):
            pen.text(
                (300, 58 + (i - (len(lines) - 1) / 2) * size * 1.25),
                line,
                size,
                (255, 255, 255),
                bold=True,
                anchor="mm",
            )
        top = 108
    for box, spec in zip(LAYOUTS[layout](top, 812), panels, strict=True):
        panel(pen, box, spec, cast, rng)
    pen.text((300, 832), f"– {number} –", 13, (110, 110, 110), anchor="mm")
    pen.save(name, colors=64)


SKIN = [(240, 204, 176), (214, 170, 130), (170, 118, 84), (120, 82, 60)]

COMICS = {
    "demo-bd-paysan-ne-en-amap-pourquoi-pas-moi": {
        "title": "Paysan·ne en AMAP, pourquoi pas moi ?",
        "accent": (214, 104, 80),
        "cast": {
            "ines": ((90, 150, 190), SKIN[2], (40, 30, 25), "long"),
            "jean": ((120, 160, 90), SKIN[0], (150, 140, 130), "cap"),
            "marthe": ((200, 120, 160), SKIN[1], (200, 200, 200), "bun"),
            "amapien": ((236, 180, 80), SKIN[3], (30, 25, 20), "short"),
        },
        "pages": [
            (
                "wide-two",
                [
                    {
                        "scene": "market",
                        "chars": [("ines", 0.3), ("jean", 0.72)],
                        "say": [
                            (0, "Jean, tu crois que je pourrais devenir paysanne, moi ?"),
                            (1, "Et pourquoi pas toi ?"),
                        ],
                    },
                    {
                        "scene": "night",
                        "chars": [("ines", 0.65)],
                        "size": 0.5,
                        "say": [
                            (None, "Ce soir-là, à l'hôpital…"),
                            (0, "Infirmière la nuit… maraîchère le jour ?"),
                        ],
                    },
                    {
                        "scene": "screen",
                        "chars": [("ines", 0.28)],
                        "size": 0.55,
                        "say": [(0, "Formation agricole : inscription envoyée !")],
                    },
                ],
            ),
            (
                "two-wide",
                [
                    {
                        "scene": "field",
                        "chars": [("marthe", 0.3), ("ines", 0.75)],
                        "size": 0.5,
                        "say": [(0, "Les poireaux, on les sème en mars."), (1, "Je note tout !")],
                    },
                    {
                        "scene": "farm",
                        "chars": [("ines", 0.35)],
                        "size": 0.5,
                        "say": [(0, "Deux hectares, de l'eau… enfin !")],
                    },
                    {
                        "scene": "meeting",
                        "chars": [("amapien", 0.25), ("ines", 0.5), ("jean", 0.78)],
                        "say": [
                            (0, "Notre AMAP signe pour 40 paniers !"),
                            (1, "Merci… je n'y crois pas."),
                        ],
                    },
                ],
            ),
            (
                "three",
                [
                    {
                        "scene": "market",
                        "chars": [("ines", 0.5)],
                        "size": 0.65,
                        "say": [(None, "Un an plus tard"), (0, "Voici vos premiers paniers !")],
                    },
                    {
                        "scene": "party",
                        "chars": [("amapien", 0.2), ("jean", 0.45), ("marthe", 0.7)],
                        "size": 0.65,
                        "say": [(1, "Bravo Inès, tu l'as fait !")],
                    },
                    {
                        "scene": "field",
                        "chars": [("ines", 0.75)],
                        "size": 0.65,
                        "say": [(0, "Et vous ? Pourquoi pas vous ?")],
                    },
                ],
            ),
        ],
    },
    "demo-bd-charte-des-amap": {
        "title": "La charte des AMAP",
        "accent": (90, 150, 190),
        "cast": {
            "marius": ((226, 104, 80), SKIN[0], (60, 40, 30), "cap"),
            "nadia": ((120, 170, 110), SKIN[2], (30, 25, 20), "long"),
            "paysan": ((150, 120, 90), SKIN[1], (120, 110, 100), "hat"),
        },
        "pages": [
            (
                "wide-two",
                [
                    {
                        "scene": "market",
                        "chars": [("marius", 0.3), ("nadia", 0.7)],
                        "say": [(0, "Une charte ? Pour des légumes ?"), (1, "Lis-la, tu verras !")],
                    },
                    {
                        "scene": "farm",
                        "chars": [("paysan", 0.5)],
                        "size": 0.5,
                        "say": [(None, "Une ferme à taille humaine")],
                    },
                    {
                        "scene": "field",
                        "chars": [("paysan", 0.4)],
                        "size": 0.5,
                        "say": [(0, "Venez voir comment on travaille !")],
                    },
                ],
            ),
            (
                "two-wide",
                [
                    {
                        "scene": "meeting",
                        "chars": [("nadia", 0.5)],
                        "size": 0.5,
                        "say": [(0, "Le prix, on en parle tous ensemble.")],
                    },
                    {
                        "scene": "storm",
                        "chars": [("paysan", 0.5)],
                        "size": 0.5,
                        "say": [(0, "Tomates perdues : on partage les risques.")],
                    },
                    {
                        "scene": "market",
                        "chars": [("marius", 0.35), ("nadia", 0.68)],
                        "say": [(0, "Je comprends mieux, maintenant.")],
                    },
                ],
            ),
            (
                "three",
                [
                    {
                        "scene": "farm",
                        "chars": [("marius", 0.2), ("nadia", 0.4), ("paysan", 0.65)],
                        "size": 0.65,
                        "say": [(None, "Transparence et participation")],
                    },
                    {
                        "scene": "indoor",
                        "chars": [("paysan", 0.6)],
                        "size": 0.65,
                        "say": [(0, "Voici mes comptes de l'année.")],
                    },
                    {
                        "scene": "market",
                        "chars": [("marius", 0.5)],
                        "size": 0.65,
                        "say": [(0, "Je m'inscris pour la permanence !")],
                    },
                ],
            ),
        ],
    },
    "demo-bd-le-jour-de-la-grele": {
        "title": "Le jour où la grêle est tombée",
        "accent": (110, 96, 176),
        "cast": {
            "solene": ((226, 150, 70), SKIN[0], (180, 110, 60), "long"),
            "karim": ((90, 130, 170), SKIN[2], (30, 25, 20), "short"),
            "lucie": ((200, 100, 130), SKIN[1], (80, 60, 40), "bun"),
        },
        "pages": [
            (
                "wide-two",
                [
                    {
                        "scene": "field",
                        "chars": [("solene", 0.3), ("karim", 0.6)],
                        "say": [(0, "Regarde le ciel, Karim…")],
                    },
                    {"scene": "storm", "chars": [], "say": [(None, "TAC TAC TAC TAC !")]},
                    {
                        "scene": "storm",
                        "chars": [("karim", 0.5)],
                        "size": 0.5,
                        "say": [(0, "On a tout perdu.")],
                    },
                ],
            ),
            (
                "two-wide",
                [
                    {
                        "scene": "screen",
                        "chars": [("lucie", 0.25)],
                        "size": 0.5,
                        "say": [(None, "Message aux adhérent·es : réunion ce soir.")],
                    },
                    {
                        "scene": "meeting",
                        "chars": [("lucie", 0.5)],
                        "size": 0.5,
                        "say": [(0, "Le contrat continue, on est là.")],
                    },
                    {
                        "scene": "meeting",
                        "chars": [("solene", 0.3), ("lucie", 0.55), ("karim", 0.8)],
                        "say": [(1, "La cagnotte : 6 200 € en trois semaines !")],
                    },
                ],
            ),
            (
                "three",
                [
                    {
                        "scene": "field",
                        "chars": [("lucie", 0.25), ("karim", 0.5), ("solene", 0.75)],
                        "size": 0.65,
                        "say": [(1, "Allez, on replante les salades !")],
                    },
                    {
                        "scene": "market",
                        "chars": [("solene", 0.5)],
                        "size": 0.65,
                        "say": [(None, "Des paniers plus légers, mais pleins de solidarité.")],
                    },
                    {
                        "scene": "party",
                        "chars": [("solene", 0.3), ("lucie", 0.55), ("karim", 0.8)],
                        "size": 0.65,
                        "say": [(0, "À la saison prochaine !")],
                    },
                ],
            ),
        ],
    },
    "demo-bd-un-panier-pour-tout-le-monde": {
        "title": "Un panier pour tout le monde",
        "accent": (214, 86, 104),
        "cast": {
            "fatou": ((236, 170, 60), SKIN[3], (30, 25, 20), "bun"),
            "claire": ((120, 170, 110), SKIN[0], (190, 120, 60), "long"),
            "paul": ((90, 130, 170), SKIN[1], (60, 50, 40), "short"),
            "awa": ((170, 110, 170), SKIN[2], (30, 25, 20), "long"),
        },
        "pages": [
            (
                "wide-two",
                [
                    {
                        "scene": "city",
                        "chars": [("fatou", 0.35)],
                        "say": [(0, "Des légumes bio ? C'est pas pour nous.")],
                    },
                    {
                        "scene": "indoor",
                        "chars": [("paul", 0.5)],
                        "size": 0.5,
                        "say": [(0, "Il existe un tarif solidaire.")],
                    },
                    {
                        "scene": "indoor",
                        "chars": [("fatou", 0.5)],
                        "size": 0.5,
                        "say": [(0, "Sans justificatif ? Vraiment ?")],
                    },
                ],
            ),
            (
                "two-wide",
                [
                    {
                        "scene": "field",
                        "chars": [("claire", 0.5)],
                        "size": 0.5,
                        "say": [(0, "Je reçois le même prix pour chaque panier.")],
                    },
                    {
                        "scene": "meeting",
                        "chars": [("paul", 0.5)],
                        "size": 0.5,
                        "say": [(0, "La caisse de solidarité compense.")],
                    },
                    {
                        "scene": "market",
                        "chars": [("fatou", 0.35), ("awa", 0.68)],
                        "say": [
                            (0, "Des blettes… on fait comment ?"),
                            (1, "Je te donne ma recette au cumin !"),
                        ],
                    },
                ],
            ),
            (
                "three",
                [
                    {
                        "scene": "indoor",
                        "chars": [("fatou", 0.3)],
                        "size": 0.65,
                        "say": [(None, "Quelques mois plus tard")],
                    },
                    {
                        "scene": "farm",
                        "chars": [("fatou", 0.3), ("claire", 0.6)],
                        "size": 0.65,
                        "say": [(1, "Bienvenue à la ferme !")],
                    },
                    {
                        "scene": "market",
                        "chars": [("fatou", 0.5)],
                        "size": 0.65,
                        "say": [(0, "Maintenant, c'est moi qui accueille les nouvelles.")],
                    },
                ],
            ),
        ],
    },
    "demo-bd-journal-amapien-debutant": {
        "title": "Journal d'un amapien débutant",
        "accent": (110, 146, 100),
        "cast": {
            "hugo": ((226, 120, 80), SKIN[0], (160, 100, 50), "short"),
            "paysan": ((140, 120, 90), SKIN[1], (90, 80, 70), "hat"),
            "benevole": ((90, 140, 180), SKIN[2], (40, 30, 25), "long"),
        },
        "pages": [
            (
                "wide-two",
                [
                    {
                        "scene": "market",
                        "chars": [("hugo", 0.35), ("benevole", 0.7)],
                        "say": [(None, "Semaine 1"), (0, "Mon premier panier !")],
                    },
                    {
                        "scene": "indoor",
                        "chars": [("hugo", 0.5)],
                        "size": 0.5,
                        "say": [(None, "Semaine 2"), (0, "Des topinambours ?")],
                    },
                    {
                        "scene": "indoor",
                        "chars": [("hugo", 0.5)],
                        "size": 0.5,
                        "say": [(None, "Semaine 3"), (0, "ENCORE des topinambours ?!")],
                    },
                ],
            ),
            (
                "two-wide",
                [
                    {
                        "scene": "market",
                        "chars": [("hugo", 0.5)],
                        "size": 0.5,
                        "say": [(None, "Semaine 6"), (0, "Ma première permanence.")],
                    },
                    {
                        "scene": "storm",
                        "chars": [("paysan", 0.5)],
                        "size": 0.5,
                        "say": [(None, "Semaine 9 : visite de ferme")],
                    },
                    {
                        "scene": "farm",
                        "chars": [("hugo", 0.3), ("paysan", 0.7)],
                        "say": [(1, "Les bottes, c'est obligatoire !")],
                    },
                ],
            ),
            (
                "three",
                [
                    {
                        "scene": "meeting",
                        "chars": [("hugo", 0.3), ("benevole", 0.6)],
                        "size": 0.65,
                        "say": [(None, "Semaine 20 : l'AG. 40 minutes sur les œufs.")],
                    },
                    {
                        "scene": "indoor",
                        "chars": [("hugo", 0.5)],
                        "size": 0.65,
                        "say": [(None, "Semaine 24"), (0, "J'adore les topinambours.")],
                    },
                    {
                        "scene": "market",
                        "chars": [("hugo", 0.4), ("paysan", 0.7)],
                        "size": 0.65,
                        "say": [(0, "Je signe pour la saison prochaine !")],
                    },
                ],
            ),
        ],
    },
    "demo-bd-clic-clac-panier": {
        "title": "Clic, clac, panier !",
        "accent": (70, 140, 110),
        "cast": {
            "josette": ((170, 110, 170), SKIN[0], (220, 220, 220), "bun"),
            "samir": ((236, 170, 60), SKIN[2], (30, 25, 20), "cap"),
            "lea": ((90, 150, 190), SKIN[1], (150, 80, 40), "long"),
            "bernard": ((120, 160, 100), SKIN[0], (160, 160, 160), "short"),
        },
        "pages": [
            (
                "wide-two",
                [
                    {
                        "scene": "market",
                        "chars": [("josette", 0.35)],
                        "say": [(0, "Tout est dans mon classeur vert !")],
                    },
                    {
                        "scene": "indoor",
                        "chars": [("josette", 0.5)],
                        "size": 0.5,
                        "say": [(0, "Je déménage en juin…")],
                    },
                    {
                        "scene": "meeting",
                        "chars": [("samir", 0.3), ("lea", 0.7)],
                        "size": 0.5,
                        "say": [(None, "Au secours !")],
                    },
                ],
            ),
            (
                "two-wide",
                [
                    {
                        "scene": "indoor",
                        "chars": [("samir", 0.5)],
                        "size": 0.5,
                        "say": [(0, "Un groupe de messagerie ?")],
                    },
                    {
                        "scene": "indoor",
                        "chars": [("lea", 0.5)],
                        "size": 0.5,
                        "say": [(0, "Avec le numéro de tout le monde ?")],
                    },
                    {
                        "scene": "screen",
                        "chars": [("bernard", 0.25)],
                        "say": [(0, "Un logiciel libre, fait pour les AMAP !")],
                    },
                ],
            ),
            (
                "three",
                [
                    {
                        "scene": "screen",
                        "chars": [("lea", 0.25)],
                        "size": 0.65,
                        "say": [(0, "Registre des traitements : c'est fait.")],
                    },
                    {
                        "scene": "indoor",
                        "chars": [("josette", 0.3), ("lea", 0.65)],
                        "size": 0.65,
                        "say": [
                            (0, "Et moi, je pourrai encore m'inscrire ?"),
                            (1, "On t'aide, pas à pas."),
                        ],
                    },
                    {
                        "scene": "party",
                        "chars": [("samir", 0.2), ("bernard", 0.45), ("lea", 0.7)],
                        "size": 0.65,
                        "say": [(None, "Clic, clac, panier !")],
                    },
                ],
            ),
        ],
    },
}


def make_comic_pages():
    rng = random.Random(7)
    for comic_id, comic in COMICS.items():
        for number, (layout, panels) in enumerate(comic["pages"], start=1):
            comic_page(
                f"{comic_id}-planche-{number}.png",
                comic["title"],
                number,
                layout,
                panels,
                comic["cast"],
                comic["accent"],
                rng,
            )


# ---------------------------------------------------------------------------------------------
# Documents: text in the mini-format of the import (## heading, - item), plus | table rows,
# > boxed text and %bars charts
# ---------------------------------------------------------------------------------------------

ARA = "Réseau des AMAP Auvergne-Rhône-Alpes"
IDF = "Réseau AMAP Île-de-France"
PACA = "Les AMAP de Provence"
HDF = "Réseau des AMAP Hauts-de-France"
I44 = "InterAMAP 44"
BZH = "Réseau des AMAP de Bretagne"
OCC = "Réseau AMAP Occitanie"
GE = "Réseau AMAP Grand Est"

GREEN, ORANGE, BLUE, PURPLE = (61, 107, 53), (196, 96, 52), (46, 104, 150), (104, 82, 160)
TEAL, RED, OCHRE, PLUM = (38, 120, 112), (176, 64, 60), (160, 112, 30), (140, 60, 110)

DOCUMENTS = [
    {
        "file": "fiche-paniers-solidaires-villeurbanne.pdf",
        "kind": "Fiche expérience",
        "title": "Paniers solidaires à prix différenciés dans une AMAP de Villeurbanne",
        "subtitle": (
            "Trois tarifs pour un même panier, une caisse de solidarité et un "
            "partenariat avec le CCAS et l'épicerie solidaire du quartier."
        ),
        "network": ARA,
        "year": 2023,
        "licence": "CC-BY-SA-4.0",
        "accent": ORANGE,
        "body": """
            ## En bref

            | Repère | Détail |
            | Lieu | Quartier prioritaire de Villeurbanne (Rhône) |
            | Partenaires | Un maraîcher de la plaine de l'Ain, le CCAS, une épicerie solidaire |
            | Foyers | 52 foyers en 2023, dont 14 au prix solidaire |
            | Contrat | 44 semaines, paiement mensuel |
            | Démarrage | Saison 2021, après un an de préparation |

            ## Pourquoi prix différenciés ?

            L'AMAP voulait que les familles du quartier puissent manger les mêmes légumes que les
              autres adhérent·es, sans passer par un colis ou un panier « à part ». Le prix
              différencié permet à chaque foyer de choisir son tarif, sans justificatif, en
              fonction de ses moyens. Le paysan, lui, reçoit toujours le même prix : c'est la
              caisse de solidarité qui comble l'écart.

            ## Les trois tarifs

            | Tarif | Prix par panier | Qui le choisit ? |
            | Prix plein | 16 € | les foyers qui le peuvent ; c'est le prix payé au maraîcher |
            | Prix intermédiaire | 12 € | les foyers aux revenus modestes |
            | Prix solidaire | 6 € | les foyers en situation de précarité |

            Les adhérent·es au prix plein peuvent ajouter un supplément volontaire de 1 à 5 euros
              par panier, versé à la caisse de solidarité.

            ## Le budget d'une saison

            | Besoins | Montant |
            | Écart de prix pour 14 paniers solidaires (10 € × 44 semaines) | 6 160 € |
            | Écart de prix pour 8 paniers intermédiaires (4 € × 44 semaines) | 1 408 € |
            | Total à financer | 7 568 € |
            | Ressources | Montant |
            | Suppléments volontaires des adhérent·es | 3 200 € |
            | Subvention du CCAS | 3 500 € |
            | Fête de l'AMAP et dons | 900 € |
            | Total | 7 600 € |

            ## Les étapes du projet

            - automne 2019 : premières discussions en assemblée générale et rencontre avec le
              maraîcher ;
            - hiver 2020 : visite de l'épicerie solidaire, rencontre avec le CCAS ;
            - printemps 2020 : formation de deux bénévoles par le réseau sur l'accueil et la
              confidentialité ;
            - automne 2020 : vote du dispositif en assemblée générale et demande de subvention ;
            - avril 2021 : première distribution dans la cour de l'épicerie solidaire.

            ## Ce que disent les adhérent·es

            > « Je viens pour les légumes, je reste pour les gens. » Une adhérente au prix
              solidaire, arrivée en 2021.

            > « Payer un peu plus pour que d'autres puissent venir, c'est exactement pour ça que
              j'ai rejoint une AMAP. » Un adhérent au prix plein.

            ## Nos conseils

            - choisir un lieu de distribution que les familles fréquentent déjà ;
            - garder le choix du tarif confidentiel : seul le ou la trésorier·e le connaît ;
            - faire un point sur la caisse tous les trois mois ;
            - prévoir des ateliers cuisine pour les légumes moins connus.
        """,
    },
    {
        "file": "caisse-solidarite-grele-bilan.pdf",
        "kind": "Bilan financier",
        "title": "Caisse de solidarité après la grêle du 15 juin 2019 : bilan",
        "subtitle": (
            "Recettes, dépenses et enseignements de la mobilisation de trois AMAP autour"
            " d'un arboriculteur du Vaucluse."
        ),
        "network": PACA,
        "year": 2019,
        "licence": "CC-BY-SA-4.0",
        "accent": PURPLE,
        "body": """
            ## Rappel des faits

            Le 15 juin 2019, un orage de grêle a détruit plus de 80 % de la récolte d'abricots,
              de pêches et de cerises d'un arboriculteur partenaire de trois AMAP depuis 2008. Ce
              document rend compte aux adhérent·es de l'utilisation des fonds collectés, comme nous
              nous y étions engagés.

            ## Chronologie

            - 15 juin : orage de grêle, premières photos envoyées aux AMAP ;
            - 19 juin : réunion d'urgence avec le paysan, les référent·es et le réseau ;
            - 21 juin : lettre aux adhérent·es, maintien des contrats et ouverture de la cagnotte ;
            - 6 juillet : soirée de soutien avec concert et buvette ;
            - 31 juillet : clôture de la cagnotte ;
            - octobre : chantier collectif de taille et pose des premiers piquets de filets
              paragrêle.

            ## Recettes

            | Origine | Montant |
            | Cagnotte en ligne (214 donateurs) | 7 850 € |
            | Soirée de soutien | 3 120 € |
            | Dons par chèque remis aux distributions | 1 430 € |
            | Avance sans intérêt de la caisse régionale | 3 000 € |
            | Total | 15 400 € |

            ## Utilisation

            | Poste | Montant |
            | Salaires des deux saisonniers de l'été | 6 200 € |
            | Part des filets paragrêle restant à la charge du paysan | 5 400 € |
            | Perte de revenu non couverte par l'assurance | 2 500 € |
            | Plants et replantation de jeunes arbres | 1 300 € |
            | Total | 15 400 € |

            L'avance de la caisse régionale est remboursée en deux ans, à raison de 125 euros par
              mois prélevés sur les ventes de la ferme.

            ## Règlement de la caisse de solidarité permanente

            À la suite de cet épisode, les trois AMAP ont adopté en assemblée générale une caisse
              de solidarité permanente :

            - chaque contrat comprend une contribution de 1 euro par mois, versée à la caisse ;
            - la caisse est gérée par un comité de trois amapien·nes et d'un·e paysan·ne,
              renouvelé chaque année ;
            - elle peut être sollicitée par toute ferme partenaire touchée par un aléa de
              production, climatique ou non ;
            - le comité décide dans un délai de quinze jours, sous forme de don ou d'avance
              remboursable ;
            - un bilan est présenté à chaque assemblée générale.

            ## Ce que nous retenons

            La réactivité a été décisive : réunir tout le monde en quatre jours a évité les
              départs d'adhérent·es. La transparence sur les montants a renforcé la confiance.
              Enfin, la cagnotte n'a pas remplacé les dispositifs publics : le paysan a aussi
              déposé un dossier d'aide pour calamité agricole, avec l'appui du réseau.
        """,
    },
    {
        "file": "kit-rgpd-amap.pdf",
        "kind": "Kit",
        "title": "Kit RGPD pour les AMAP",
        "subtitle": (
            "Protéger les données personnelles des adhérent·es en cinq étapes : guide, "
            "registre des traitements et mentions d'information."
        ),
        "network": "MIRAMAP",
        "year": 2019,
        "licence": "CC-BY-SA-4.0",
        "accent": PURPLE,
        "body": """
            ## Pourquoi ce kit ?

            Le règlement général sur la protection des données (RGPD) s'applique depuis le 25 mai
              2018 à tous les organismes qui traitent des données personnelles, y compris les
              petites associations. Une AMAP est concernée dès qu'elle tient une liste
              d'adhérent·es. Ce kit vous aide à faire le nécessaire, simplement, en une ou deux
              soirées de travail.

            ## Quelques mots de vocabulaire

            - donnée personnelle : toute information qui permet d'identifier une personne,
              directement ou non (nom, adresse électronique, téléphone, photo) ;
            - traitement : toute opération sur ces données (collecter, enregistrer, consulter,
              transmettre, supprimer) ;
            - responsable de traitement : l'AMAP, représentée par son bureau ou sa présidence
              collégiale ;
            - registre des traitements : le document qui décrit tous les traitements de l'AMAP.

            ## Étape 1 : tenir le registre des traitements

            Faites la liste de tout ce que l'AMAP fait avec des données personnelles. Pour chaque
              traitement, notez sa finalité, les données concernées, qui y a accès et combien de
              temps elles sont conservées. Un modèle au format texte accompagne ce kit.

            | Traitement | Finalité | Données | Accès | Conservation |
            | Fichier des adhérent·es | Gérer les adhésions | Nom, courriel, téléphone | Bureau |
              3 ans après le départ |
            | Contrats | Exécuter les contrats | Nom, contrat, paiements | Référent·es, paysan·ne
              | 10 ans (comptabilité) |
            | Planning des permanences | Organiser les distributions | Nom, téléphone |
              Adhérent·es | Fin de saison |
            | Liste de diffusion | Informer les membres | Courriel | Bureau | Jusqu'au départ |

            ## Étape 2 : ne garder que le nécessaire

            Ne collectez que ce qui sert vraiment. La date de naissance, la profession ou la
              composition du foyer n'ont en général rien à faire dans le fichier d'une AMAP. Si
              vous proposez des paniers solidaires, le tarif choisi par chaque foyer doit rester
              connu du seul ou de la seule trésorier·e.

            ## Étape 3 : informer les adhérent·es

            Ajoutez une mention d'information sur le bulletin d'adhésion et sur le contrat. Voici
              un modèle à adapter :

            > Les informations recueillies sur ce bulletin sont enregistrées par l'AMAP pour
              gérer les adhésions, les contrats et l'organisation des distributions. Elles sont
              conservées trois ans après la fin de votre adhésion et transmises aux seuls
              paysan·nes avec qui vous avez signé un contrat. Vous pouvez y accéder, les faire
              rectifier ou supprimer en écrivant à l'adresse de l'AMAP.

            ## Étape 4 : sécuriser les fichiers

            - un seul fichier de référence, à jour, plutôt que des copies éparpillées ;
            - un accès limité aux personnes qui en ont besoin, avec un mot de passe solide ;
            - pas de liste d'adhérent·es envoyée en pièce jointe ni affichée sur le lieu de
              distribution ;
            - des adresses en copie cachée pour les messages collectifs ;
            - des outils hébergés en Europe, de préférence des logiciels libres.

            ## Étape 5 : conserver puis supprimer

            Fixez des durées de conservation et respectez-les. Chaque automne, lors du
              renouvellement des contrats, prenez un quart d'heure pour supprimer les données
              devenues inutiles : anciens membres, plannings des saisons passées, formulaires
              d'inscription.

            ## Les droits des personnes

            Tout adhérent·e peut demander à consulter, corriger ou supprimer ses données.
              Répondez dans un délai d'un mois. La suppression peut être refusée pour les données
              que l'AMAP doit conserver, par exemple les pièces comptables.

            ## Et les photos ?

            Une photo sur laquelle on reconnaît une personne est une donnée personnelle. Demandez
              l'accord des personnes avant de publier une photo de distribution ou de visite de
              ferme, et retirez-la si quelqu'un le demande.

            ## Liste de vérification

            - le registre des traitements est rempli et daté ;
            - une personne référente RGPD est désignée ;
            - la mention d'information figure sur le bulletin et le contrat ;
            - les fichiers sont protégés et à jour ;
            - les durées de conservation sont fixées et appliquées.
        """,
    },
    {
        "file": "guide-creer-son-amap.pdf",
        "kind": "Guide",
        "title": "Créer son AMAP pas à pas",
        "subtitle": "Le guide du Réseau AMAP Île-de-France pour les collectifs qui se lancent.",
        "network": IDF,
        "year": 2016,
        "licence": "CC-BY-SA-4.0",
        "accent": TEAL,
        "body": """
            ## Avant de commencer

            Créer une AMAP, c'est s'engager aux côtés d'une ferme pour plusieurs saisons. Cela
              demande un peu de temps au départ, puis une organisation collective qui répartit les
              tâches. Ce guide propose un calendrier indicatif, des questions à se poser et des
              outils pour chaque étape.

            ## Le calendrier type

            | Quand ? | Quoi ? |
            | 6 mois avant | Réunir un noyau de 3 à 5 personnes, contacter le réseau |
            | 5 mois avant | Rencontrer des paysan·nes, visiter des fermes |
            | 4 mois avant | Lire la charte, choisir la forme juridique, chercher un lieu |
            | 3 mois avant | Rédiger le contrat avec le paysan, fixer le prix du panier |
            | 2 mois avant | Réunion publique, premières inscriptions |
            | 1 mois avant | Assemblée constitutive, planning des permanences |
            | Jour J | Première distribution ! |

            ## Trouver le paysan ou la paysanne

            Le réseau connaît les fermes qui cherchent un groupe et les porteurs de projet en
              cours d'installation. Lors de la visite, voici quelques questions à poser :

            - que produisez-vous, et à quelles périodes ?
            - combien de paniers pouvez-vous fournir chaque semaine ?
            - comment calculez-vous votre prix ?
            - de quelle trésorerie avez-vous besoin en début de saison ?
            - êtes-vous prêt·e à accueillir des visites et à parler de vos pratiques ?

            ## Le lieu de distribution

            Un bon lieu est abrité, accessible en transports en commun et à vélo, disponible au
              même créneau chaque semaine et, si possible, gratuit. Pensez aux salles municipales,
              aux maisons de quartier, aux cours d'école, aux locaux d'associations ou
              d'entreprises. Une convention écrite évite les malentendus.

            ## La forme juridique

            La plupart des AMAP sont des associations loi 1901. Les statuts peuvent être très
              simples ; le réseau fournit un modèle qui reprend les principes de la charte des
              AMAP. Une présidence collégiale permet de partager les responsabilités.

            ## La réunion publique

            - présentation du principe de l'AMAP et de la charte (15 minutes) ;
            - présentation de la ferme par le paysan ou la paysanne (20 minutes) ;
            - questions et réponses (30 minutes) ;
            - dégustation et inscriptions (le reste de la soirée).

            ## Le budget de l'association

            Une cotisation annuelle de 10 à 20 euros par foyer suffit en général : elle couvre
              l'assurance responsabilité civile, l'adhésion au réseau régional, le petit matériel
              et la fête de fin de saison. Les paiements des paniers, eux, vont directement au
              paysan.

            ## Après la première saison

            Faites le bilan avec le paysan : quantités, diversité, organisation des
              distributions, ambiance. Ajustez le contrat si nécessaire et préparez le
              renouvellement au moins un mois avant la fin de la saison.
        """,
    },
    {
        "file": "fiche-fiscalite-amap.pdf",
        "kind": "Fiche méthode",
        "title": "Fiscalité des AMAP : ce que doit savoir le bureau",
        "subtitle": (
            "Principes, situations à surveiller et réponses aux questions les plus fréquentes."
        ),
        "network": OCC,
        "year": 2022,
        "licence": "CC-BY-4.0",
        "accent": OCHRE,
        "body": """
            ## Le principe de base

            L'AMAP est une association à but non lucratif qui organise un partenariat entre des
              mangeurs et des paysan·nes. Elle n'achète pas les produits pour les revendre : chaque
              contrat lie directement l'adhérent·e et la ferme. C'est ce qui lui permet, dans la
              grande majorité des cas, de ne pas être soumise aux impôts commerciaux.

            ## Tableau des situations

            | Situation | Conséquence | Conseil |
            | Chèques à l'ordre du paysan | Pas d'activité commerciale | La situation la plus
              simple |
            | L'AMAP encaisse puis reverse | Possible, comptabilité à tenir | Prévoir la mission
              dans les statuts |
            | L'AMAP achète et revend | Risque d'activité commerciale | À éviter, même à prix
              coûtant |
            | Commission prélevée sur les paniers | Caractère non lucratif fragilisé | À éviter |
            | Salarié·e de l'AMAP | Possible | Gestion désintéressée à préserver |

            ## Questions fréquentes

            ## L'AMAP doit-elle facturer la TVA ?

            Non, tant qu'elle ne vend rien. La TVA éventuelle concerne les ventes de la ferme,
              selon le régime fiscal du paysan ou de la paysanne.

            ## Peut-on délivrer des reçus fiscaux pour les dons ?

            Seulement si l'AMAP est d'intérêt général au sens fiscal, ce qui suppose notamment
              qu'elle ne fonctionne pas au profit d'un cercle restreint de personnes. La plupart
              des AMAP ne remplissent pas ces conditions. En cas de doute, il est possible
              d'interroger l'administration fiscale par une demande de rescrit.

            ## Et pour une caisse de solidarité ?

            Les sommes versées à une caisse de solidarité sont des dons ou des cotisations à
              l'association. Elles doivent apparaître dans les comptes, avec leur utilisation :
              aide à un paysan sinistré, financement de paniers solidaires.

            ## Faut-il une comptabilité ?

            Une comptabilité de trésorerie suffit : un tableau des recettes et des dépenses, les
              relevés bancaires et les justificatifs. Les comptes sont présentés et approuvés
              chaque année en assemblée générale.

            ## Le modèle économique en résumé

            - les paniers : payés directement aux paysan·nes, hors budget de l'association ;
            - les cotisations : assurance, adhésion au réseau, petit matériel, fête ;
            - les subventions éventuelles : projets précis, avec compte rendu ;
            - les dons : caisse de solidarité, soutien aux fermes.

            Cette fiche donne des repères généraux et ne remplace pas un conseil juridique. Votre
              réseau régional peut vous orienter vers un professionnel en cas de situation
              particulière.
        """,
    },
    {
        "file": "guide-animer-reseau-regional.pdf",
        "kind": "Guide",
        "title": "Animer un réseau régional d'AMAP",
        "subtitle": "Repères et outils pour les salarié·es et bénévoles qui font vivre un réseau.",
        "network": GE,
        "year": 2024,
        "licence": "CC-BY-SA-4.0",
        "accent": PLUM,
        "body": """
            ## Une année dans la vie d'un réseau

            | Période | Temps forts |
            | Janvier - février | Bilan de l'année, assemblée générale, renouvellement du conseil |
            | Mars - avril | Créations d'AMAP, formations de printemps, réunions publiques |
            | Mai - juin | Visites de ferme, démarche participative autour de la charte |
            | Juillet - août | Veille sur les aléas climatiques, soutien aux fermes touchées |
            | Septembre - octobre | Renouvellement des contrats, forums des associations |
            | Novembre - décembre | Rencontres inter-AMAP, préparation du programme de l'année |

            ## Les missions, concrètement

            - accompagner les créations : répondre aux collectifs, les mettre en lien avec des
              fermes, animer les réunions publiques ;
            - soutenir les paysan·nes : installation, transmission, difficultés économiques,
              aléas ;
            - former : bénévoles d'AMAP, paysan·nes, référent·es de réseau ;
            - produire des ressources : guides, modèles de contrats, outils d'animation ;
            - représenter : collectivités, projets alimentaires territoriaux, partenaires
              agricoles.

            ## Gouvernance : qui fait quoi ?

            | Instance | Rôle |
            | Assemblée générale | Oriente, vote le budget, élit le conseil |
            | Conseil collégial | Décide, employeur des salarié·es, représente le réseau |
            | Commissions | Travaillent un sujet : installation, accessibilité, formation |
            | Équipe salariée | Met en œuvre, coordonne, rend compte |
            | Référent·es locaux | Relaient les informations, animent leur bassin de vie |

            ## Animer les référent·es locaux

            Les référent·es sont le lien entre le réseau et les AMAP de terrain. Réunissez-les
              deux fois par an, donnez-leur des informations claires et des outils simples (une
              présentation type, une fiche contact), et remerciez-les publiquement : leur
              engagement est bénévole.

            ## Financer le réseau

            Les cotisations des AMAP et des paysan·nes sont le socle de l'autonomie du réseau.
              Elles se complètent par des subventions publiques (région, départements, État), des
              fondations et, parfois, des prestations de formation. Visez une part de financements
              propres d'au moins un quart du budget.

            ## Évaluer son action

            - nombre d'AMAP et de fermes accompagnées dans l'année ;
            - nombre de personnes formées et satisfaction des participant·es ;
            - nombre de nouvelles installations soutenues ;
            - participation aux rencontres du réseau ;
            - part des AMAP adhérentes parmi les AMAP connues de la région.

            ## Prendre soin de l'équipe

            Les réseaux reposent souvent sur peu de personnes. Répartissez les tâches, documentez
              les procédures et prévoyez des binômes pour éviter qu'un départ ne fragilise tout le
              réseau.
        """,
    },
    {
        "file": "fiche-outils-numeriques-libres.pdf",
        "kind": "Fiche méthode",
        "title": "Choisir ses outils numériques en AMAP",
        "subtitle": (
            "Logiciels libres, Clic'AMAP et bonnes pratiques pour gérer contrats, "
            "permanences et communication."
        ),
        "network": IDF,
        "year": 2021,
        "licence": "CC-BY-SA-4.0",
        "accent": BLUE,
        "body": """
            ## Faire l'inventaire

            Avant de choisir un nouvel outil, faites la liste de ceux que l'AMAP utilise déjà :
              tableurs, formulaires, listes de diffusion, groupes de messagerie, agendas partagés.
              Pour chacun, notez qui l'a créé, qui y a accès et quelles données personnelles il
              contient. Cet inventaire nourrit aussi le registre des traitements demandé par le
              RGPD.

            ## Besoins et solutions

            | Besoin | Solution possible | À savoir |
            | Adhésions, contrats, paiements | Clic'AMAP | Logiciel libre pensé pour les AMAP |
            | Petite AMAP, un seul contrat | Tableur partagé libre | Simple, à protéger par mot
              de passe |
            | Planning des permanences | Module de Clic'AMAP ou sondage | Éviter d'exposer les
              téléphones |
            | Informer les membres | Liste de diffusion associative | Adresses non visibles de
              tous |
            | Documents partagés | Espace de stockage associatif | Un seul dossier de référence |
            | Choisir une date | Sondage libre en ligne | Sans création de compte |

            ## Quatre critères pour choisir

            - simplicité : la prochaine équipe doit pouvoir reprendre l'outil sans formation
              longue ;
            - maîtrise des données : hébergement en Europe, pas d'exploitation publicitaire ;
            - liberté : un logiciel libre peut être audité, amélioré et hébergé par une autre
              structure ;
            - sobriété : un outil léger fonctionne sur un téléphone ancien et consomme peu.

            ## Clic'AMAP en quelques mots

            Clic'AMAP est un logiciel libre de gestion d'AMAP développé à l'initiative de réseaux
              d'AMAP. Il permet aux adhérent·es de souscrire leurs contrats en ligne, aux
              paysan·nes de suivre leurs livraisons et aux référent·es de gérer les permanences.
              Les réseaux accompagnent les AMAP qui souhaitent l'adopter.

            ## Ne laisser personne de côté

            Tout le monde n'est pas à l'aise avec un ordinateur. Gardez toujours une possibilité
              de s'inscrire sur papier lors des distributions, et proposez un coup de main aux
              personnes qui le souhaitent.

            ## Pour changer d'outil en douceur

            - tester l'outil sur un seul contrat pendant une saison ;
            - former deux ou trois personnes relais ;
            - prévoir un document d'une page qui explique l'essentiel ;
            - supprimer les anciens fichiers une fois la migration terminée.
        """,
    },
    {
        "file": "catalogue-education-populaire-occitanie.pdf",
        "kind": "Catalogue d'animations",
        "title": "Animations d'éducation populaire sur l'alimentation",
        "subtitle": (
            "Le catalogue du Réseau AMAP Occitanie : six animations pour comprendre et agir."
        ),
        "network": OCC,
        "year": 2023,
        "licence": "CC-BY-SA-4.0",
        "accent": RED,
        "body": """
            ## Notre démarche

            L'éducation populaire part de ce que les gens savent et vivent pour construire
              ensemble une compréhension critique du monde et l'envie d'agir. Nos animations ne
              délivrent pas de leçon sur le « bien manger » : elles ouvrent des questions et
              laissent la place au débat.

            ## Jeu de la ficelle

            Chaque participant·e incarne un acteur du système alimentaire : une paysanne, un
              transporteur, une forêt tropicale, un supermarché, un consommateur. Une ficelle passe
              de main en main à chaque fois qu'un lien apparaît entre deux acteurs. À la fin, la
              toile qui s'est tissée rend visibles les impacts sociaux et écologiques de nos repas.

            - durée : 2 heures ; 12 à 25 personnes ;
            - matériel fourni : pelote de ficelle, cartes des rôles, fiche de débriefing.

            ## Fresque de l'alimentation

            En petits groupes, les participant·es relient des cartes qui décrivent les causes et
              les conséquences de notre modèle alimentaire, puis imaginent des leviers d'action à
              leur échelle.

            - durée : 3 heures ; 6 à 24 personnes.

            ## Atelier prix juste

            Avec le paysan ou la paysanne, les amapien·nes décomposent le prix du panier :
              semences, eau, carburant, matériel, cotisations sociales, revenu. L'atelier permet
              souvent d'ouvrir une discussion sereine sur l'évolution du prix.

            - durée : 1 h 30 ; environ 15 personnes.

            ## Débat mouvant « Bien manger, c'est pour les riches ? »

            Une affirmation est lue à voix haute ; chacun·e se place d'un côté ou de l'autre de
              la salle, puis argumente. On peut changer de camp à tout moment. Un format vivant
              pour parler d'accessibilité alimentaire.

            - durée : 1 heure ; 10 à 40 personnes.

            ## Photolangage « Ce que manger veut dire »

            Chaque participant·e choisit une photo parmi une cinquantaine et raconte ce qu'elle
              évoque pour lui ou pour elle. Un atelier doux pour démarrer un groupe ou une
              assemblée générale.

            - durée : 1 h 15 ; 12 personnes au plus.

            ## Visite de ferme commentée

            Une demi-journée sur une ferme partenaire d'AMAP : découverte des cultures, des
              animaux et des outils, échange avec le paysan ou la paysanne sur ses choix et ses
              difficultés.

            - durée : 2 h 30 ; jusqu'à 30 personnes.

            ## Organiser une animation

            | Public | Tarif indicatif |
            | AMAP adhérentes au réseau | 120 € la demi-journée |
            | Associations, centres sociaux, collectivités | 250 € la demi-journée |
            | Écoles des quartiers prioritaires | Gratuit (soutien de la Région) |

            Contact : animations@reseau-exemple.org, au moins six semaines à l'avance.
        """,
    },
    {
        "file": "catalogue-formations-paysans-bretagne.pdf",
        "kind": "Catalogue de formations",
        "title": "Formations pour les paysan·nes en AMAP",
        "subtitle": (
            "Programme de l'année du Réseau des AMAP de Bretagne pour les paysan·nes et "
            "porteurs de projet."
        ),
        "network": BZH,
        "year": 2022,
        "licence": "CC-BY-4.0",
        "accent": GREEN,
        "body": """
            ## Le calendrier

            | Formation | Durée | Lieu | Période |
            | Calculer le prix de son panier | 1 jour | Ferme près de Rennes | Novembre |
            | Construire un contrat AMAP équilibré | 1/2 journée | Saint-Brieuc | Décembre |
            | Planifier ses cultures pour des paniers variés | 2 jours | Ferme près de Quimper |
              Janvier |
            | Préparer la transmission de sa ferme | 1 jour | Pontivy | Février |
            | S'installer en AMAP : parcours porteur de projet | 3 jours | Vannes | Mars |
            | Animer la relation avec son groupe | 1/2 journée | En ligne | Avril |

            ## Zoom : calculer le prix de son panier

            Beaucoup de paysan·nes en AMAP fixent leur prix en regardant celui des AMAP voisines
              ou du marché. Cette journée propose une autre démarche : partir de ses propres
              chiffres.

            - matin : les charges de la ferme, le temps de travail réel, le revenu visé ;
            - après-midi : du coût de revient au prix du panier, exercice sur ses propres données ;
            - fin de journée : comment présenter son prix à son AMAP, avec des exemples de
              documents.

            Apportez vos derniers comptes ou, à défaut, une estimation de vos charges annuelles.

            ## Zoom : préparer la transmission de sa ferme

            Pour les cédant·es qui pensent à leur départ dans les cinq à dix ans. La journée
              aborde les étapes d'une transmission, l'estimation de la valeur de la ferme, la
              rencontre avec des repreneurs et le rôle que peuvent jouer les AMAP. Elle est animée
              avec des paysan·nes qui ont transmis leur ferme.

            ## Zoom : s'installer en AMAP

            Trois journées pour les porteurs et porteuses de projet : comprendre le
              fonctionnement des AMAP, construire une gamme de production adaptée aux paniers,
              estimer le nombre de contrats nécessaires, rencontrer des AMAP en recherche de
              paysan·ne. Le parcours se termine par une présentation de son projet devant des
              paysan·nes et des amapien·nes.

            ## Conditions

            Les formations sont prises en charge par le fonds de formation des actifs agricoles
              pour les personnes qui y cotisent. Pour les autres, une participation de 30 euros par
              jour est demandée. Le repas de midi est partagé : chacun·e apporte un plat.

            Inscriptions : formations@reseau-exemple.org
        """,
    },
    {
        "file": "catalogue-formations-benevoles-2025.pdf",
        "kind": "Catalogue de formations",
        "title": "Former les bénévoles d'AMAP : catalogue 2025",
        "subtitle": (
            "Les formations courtes du Réseau des AMAP Auvergne-Rhône-Alpes pour les bénévoles."
        ),
        "network": ARA,
        "year": 2025,
        "licence": "CC-BY-SA-4.0",
        "accent": TEAL,
        "body": """
            ## Calendrier 2025

            | Formation | Date | Lieu | Durée |
            | Créer une AMAP : les bases | 1er février | Lyon | 3 h |
            | Gouvernance partagée et répartition des rôles | 15 février | Grenoble | 2 h 30 |
            | Animer une assemblée générale vivante | 8 mars | Clermont-Ferrand | 2 h |
            | RGPD et outils numériques de l'AMAP | 20 mars | En ligne | 2 h |
            | Accueillir et fidéliser les nouveaux adhérent·es | 5 avril | Valence | 1 h 30 |
            | Devenir référent·e de réseau | 17 mai | Saint-Étienne | 1 jour |
            | Créer une AMAP : les bases | 13 septembre | Annecy | 3 h |
            | RGPD et outils numériques de l'AMAP | 2 octobre | En ligne | 2 h |

            ## Créer une AMAP : les bases

            Pour les collectifs en projet et les curieux. Au programme : la charte des AMAP, les
              étapes de création, le choix du paysan ou de la paysanne, le premier contrat et le
              lieu de distribution.

            ## Gouvernance partagée et répartition des rôles

            Comment éviter que tout repose sur deux ou trois personnes ? Présidence collégiale,
              mandats tournants, fiches de rôle, binômes : des outils concrets testés dans les AMAP
              de la région.

            ## Animer une assemblée générale vivante

            Une AG peut être courte, utile et conviviale. Techniques d'animation, ordre du jour,
              prise de décision, place du paysan : de quoi renouveler vos rendez-vous annuels.

            ## RGPD et outils numériques

            Remplir le registre des traitements, rédiger les mentions d'information, choisir des
              outils libres et sobres. Session appuyée sur le kit RGPD du MIRAMAP.

            ## Accueillir et fidéliser

            Parrainage, livret d'accueil, première permanence accompagnée : comment faire pour
              que les nouveaux venus restent au-delà de leur premier contrat.

            ## Devenir référent·e de réseau

            Une journée pour comprendre le fonctionnement du réseau, ses missions et ses
              instances, et apprendre à animer une rencontre inter-AMAP dans son bassin de vie.

            ## Infos pratiques

            - gratuit pour les membres des AMAP adhérentes au réseau ;
            - inscription obligatoire, au plus tard une semaine avant ;
            - sessions sur place possibles dès huit participant·es.

            Contact : benevoles@reseau-exemple.org
        """,
    },
    {
        "file": "catalogue-interventions-scolaires.pdf",
        "kind": "Catalogue d'interventions",
        "title": "De la graine à l'assiette : interventions en milieu scolaire",
        "subtitle": (
            "Les propositions des AMAP des Hauts-de-France pour les écoles, collèges et lycées."
        ),
        "network": HDF,
        "year": 2019,
        "licence": "CC-BY-4.0",
        "accent": GREEN,
        "body": """
            ## Par niveau

            | Niveau | Interventions conseillées | Liens avec les programmes |
            | Maternelle et CP | Le potager en boîte | Explorer le monde du vivant |
            | CE1 à CM2 | Qui a fait mon goûter ? Un paysan dans ma classe | Sciences, géographie |
            | Collège | Jeu de la ficelle junior, visite de ferme | SVT, EMC, géographie |
            | Lycée | Enquête sur les circuits courts de la commune | SES, géographie, EMC |

            ## Le potager en boîte

            Des bacs de culture sont installés en classe. Les enfants sèment radis, salades et
              capucines, observent la germination, arrosent et récoltent. Un carnet d'observation
              accompagne l'activité. Une heure d'intervention pour lancer le projet, puis un suivi
              par l'enseignant·e.

            ## Qui a fait mon goûter ?

            À partir d'un goûter apporté en classe, les élèves mènent l'enquête : d'où viennent
              le blé du biscuit, le lait, le sucre, le cacao ? Qui les a produits, transportés,
              transformés ? Ils comparent avec un goûter préparé avec des produits d'une ferme
              voisine.

            ## Un paysan dans ma classe

            Un·e paysan·ne en AMAP vient présenter son métier avec ses outils, des graines, des
              photos de la ferme. Les élèves préparent leurs questions à l'avance. Une rencontre
              qui marque souvent les esprits.

            ## Jeu de la ficelle junior

            Une version simplifiée du Jeu de la ficelle, autour d'un petit déjeuner, pour les
              9-12 ans. Les élèves découvrent que leur bol de céréales les relie à des personnes et
              à des paysages du monde entier.

            ## Visite de ferme et atelier semis

            Une demi-journée sur une ferme partenaire d'AMAP, à moins de trente kilomètres de
              l'établissement : découverte des cultures et des animaux, puis atelier semis. Chaque
              élève repart avec son godet.

            ## Enquête lycéenne

            Par groupes, les lycéen·nes cartographient les AMAP, marchés et magasins de
              producteurs de leur commune, interrogent leurs acteurs et présentent leurs résultats
              à la classe, parfois aux élu·es.

            ## Organisation

            - demande avant le 15 octobre pour l'année scolaire ;
            - interventions en classe gratuites ;
            - visites de ferme : 3 € par élève, reversés au paysan ;
            - un dossier pédagogique est envoyé à l'enseignant·e en amont.

            Contact : ecoles@reseau-exemple.org
        """,
    },
    {
        "file": "etat-des-lieux-mouvement-amap-2024.pdf",
        "kind": "Rapport - synthèse",
        "title": "Le mouvement des AMAP en 2024 : état des lieux national",
        "subtitle": "Synthèse de l'enquête nationale du MIRAMAP et des réseaux régionaux d'AMAP.",
        "network": "MIRAMAP",
        "year": 2024,
        "licence": "CC-BY-4.0",
        "accent": BLUE,
        "body": """
            ## L'enquête en chiffres

            | Indicateur | Valeur |
            | AMAP ayant répondu | 612 |
            | Fermes partenaires ayant répondu | 487 |
            | Régions représentées | 13 régions métropolitaines |
            | Période | Janvier à avril 2024 |
            | Entretiens approfondis | 20 |

            ## Les contrats proposés

            Part des AMAP répondantes qui proposent chaque type de contrat, en pourcentage :

            %bars Légumes=97; Œufs=71; Pain=64; Fromages et laitages=58; Fruits=55; Viande=49;
              Miel=38; Produits de la mer=9

            ## Ce qui change depuis la précédente enquête

            - le nombre d'AMAP se stabilise après la hausse liée à la crise sanitaire ;
            - les AMAP sont plus anciennes : la moitié ont plus de dix ans ;
            - les contrats se diversifient, notamment en fruits, pain et produits laitiers ;
            - un tiers des paysan·nes se sont installés depuis moins de dix ans, souvent hors
              cadre familial ;
            - les démarches d'accessibilité alimentaire progressent : 18 % des AMAP proposent une
              forme de panier solidaire.

            ## Les difficultés citées par les AMAP

            %bars Renouveler les bénévoles=62; Garder les adhérent·es=48; Trouver un lieu de
              distribution=21; Trouver un·e paysan·ne=17; Questions de prix=15

            ## Le prix, sujet sensible

            Entre 2019 et 2024, les prix des paniers ont augmenté moins vite que les coûts de
              production des fermes. Beaucoup de paysan·nes hésitent à augmenter leurs prix par
              crainte de perdre des contrats. Les AMAP qui organisent chaque année une discussion
              sur le prix, à partir des chiffres de la ferme, connaissent moins de tensions.

            ## Recommandations

            - généraliser les temps d'échange annuels sur le prix du panier ;
            - renforcer l'accueil des nouveaux adhérent·es pour limiter les départs ;
            - soutenir l'installation de paysan·nes dans les productions encore rares en AMAP ;
            - consolider les caisses de solidarité face à la multiplication des aléas climatiques ;
            - reconnaître le rôle des AMAP dans les projets alimentaires territoriaux.

            ## Limites de l'enquête

            Toutes les AMAP ne sont pas adhérentes d'un réseau et certaines n'ont pas répondu :
              les chiffres présentés sont des ordres de grandeur, à manier avec prudence.
        """,
    },
    {
        "file": "etude-accessibilite-paniers-solidaires.pdf",
        "kind": "Étude - synthèse",
        "title": "Rendre les AMAP accessibles à tous : étude sur les paniers solidaires",
        "subtitle": "Synthèse d'une étude menée auprès de trente AMAP d'Île-de-France en 2021.",
        "network": IDF,
        "year": 2022,
        "licence": "CC-BY-SA-4.0",
        "accent": ORANGE,
        "body": """
            ## Méthode

            Trente AMAP franciliennes qui proposent des paniers solidaires ont été étudiées :
              entretiens avec les bénévoles, avec 12 paysan·nes et avec 26 foyers bénéficiaires,
              analyse des budgets et des documents internes. L'étude a été menée avec deux
              étudiantes en sociologie, de mars à septembre 2021.

            ## Trois modèles

            | Modèle | AMAP | Atouts | Limites |
            | Prix différencié | 18 | Autonomie, pas de justificatif | Dépend des suppléments
              volontaires |
            | Caisse de solidarité | 7 | Souple, mobilisable vite | Montants souvent modestes |
            | Partenariat avec une structure sociale | 5 | Orientation des familles, financement
              | Dépendance aux subventions annuelles |

            ## Les freins cités par les familles

            %bars Paiement à l'avance=19; Horaires de distribution=14; Sentiment de ne pas être à
              sa place=12; Légumes peu connus=9; Distance au lieu=7

            ## Ce qui fait rester les familles

            - un accueil personnalisé lors des premières distributions ;
            - la possibilité de payer chaque mois ;
            - des recettes et des ateliers cuisine pour les légumes moins connus ;
            - un lieu de distribution déjà familier ;
            - la confidentialité du tarif choisi.

            ## Le point de vue des paysan·nes

            Dans les trente AMAP étudiées, le paysan ou la paysanne reçoit le même prix pour
              chaque panier. Les paysan·nes interrogés y sont très attachés : ils soutiennent les
              dispositifs solidaires, mais refusent qu'ils reposent sur une baisse de leur revenu.

            ## Recommandations

            - penser l'accessibilité dans toutes ses dimensions : prix, lieu, horaires,
              communication, accueil ;
            - former les bénévoles à l'accueil et à la confidentialité ;
            - sécuriser les financements sur plusieurs années avec les collectivités ;
            - partager les outils entre AMAP grâce au réseau.
        """,
    },
    {
        "file": "enquete-revenus-paysans-amap.pdf",
        "kind": "Enquête - synthèse",
        "title": "Ce que gagnent les paysan·nes en AMAP",
        "subtitle": (
            "Enquête auprès de 94 fermes partenaires d'AMAP en Auvergne-Rhône-Alpes (2018)."
        ),
        "network": ARA,
        "year": 2019,
        "licence": "CC-BY-SA-4.0",
        "accent": GREEN,
        "body": """
            ## Qui a répondu ?

            | Production principale | Fermes |
            | Maraîchage | 41 |
            | Élevage (lait, viande, œufs) | 27 |
            | Arboriculture | 12 |
            | Boulangerie paysanne | 9 |
            | Autres (miel, plantes, champignons) | 5 |
            | Total | 94 |

            ## Le revenu

            Revenu net mensuel médian par actif à temps plein, en euros, selon la production :

            %bars Boulangerie paysanne=1600; Élevage=1420; Ensemble=1350; Maraîchage=1250;
              Arboriculture=1180

            Les écarts sont importants à l'intérieur de chaque production. L'ancienneté joue
              beaucoup : les fermes installées depuis plus de dix ans ont des revenus plus
              réguliers.

            ## La place de l'AMAP dans la ferme

            Pour la moitié des fermes, l'AMAP représente plus de 40 % du chiffre d'affaires. Les
              autres débouchés sont la vente à la ferme, les marchés, les magasins de producteurs
              et la restauration collective.

            ## Les avantages cités

            - la trésorerie disponible en début de saison ;
            - la visibilité sur les volumes à produire ;
            - le lien avec les mangeurs et la reconnaissance du travail ;
            - l'entraide en cas de coup dur.

            ## Le temps de travail

            Le temps de travail moyen en saison atteint 55 heures par semaine. La préparation des
              paniers et la présence aux distributions représentent en moyenne 6 heures par
              semaine, rarement prises en compte dans le calcul du prix.

            ## Pistes d'action

            - organiser chaque année un temps d'échange sur le prix, à partir des coûts réels ;
            - valoriser le temps de distribution dans le prix ou le partager avec les amapien·nes ;
            - proposer largement la formation au calcul du prix de revient ;
            - renouveler l'enquête tous les cinq ans pour suivre l'évolution.
        """,
    },
    {
        "file": "bilan-crise-sanitaire-amap.pdf",
        "kind": "Bilan",
        "title": "Les AMAP dans la crise sanitaire : bilan 2020-2021",
        "subtitle": "Ce que 250 AMAP et une centaine de paysan·nes nous ont raconté.",
        "network": "MIRAMAP",
        "year": 2021,
        "licence": "CC-BY-4.0",
        "accent": TEAL,
        "body": """
            ## Chronologie

            | Période | Ce qui s'est passé |
            | Mars 2020 | Premier confinement, fermeture des marchés et de nombreuses salles |
            | Mars - mai 2020 | Réorganisation des distributions, afflux de demandes d'adhésion |
            | Été 2020 | Reprise progressive, ouverture de nouvelles AMAP |
            | Automne 2020 | Deuxième confinement, protocoles déjà rodés |
            | Printemps 2021 | Fatigue des bénévoles, départ d'une partie des nouveaux membres |

            ## Les chiffres clés

            - 9 AMAP sur 10 ont maintenu leurs distributions pendant le premier confinement ;
            - les demandes d'adhésion ont doublé, voire triplé, au printemps 2020 ;
            - 6 AMAP sur 10 ont changé de lieu ou d'organisation de distribution ;
            - environ 40 % des nouveaux membres de 2020 n'ont pas renouvelé leur contrat en 2021.

            ## Les adaptations les plus fréquentes

            %bars Paniers préparés à l'avance=78; Créneaux horaires=64; Distribution en plein
              air=52; Livraison aux personnes vulnérables=31; Nouveau lieu=28

            ## Le rôle des réseaux

            Les réseaux régionaux et le MIRAMAP ont diffusé des attestations, des protocoles
              sanitaires et des informations juridiques, parfois plusieurs fois par semaine. Ils
              ont aussi défendu auprès des pouvoirs publics le maintien des distributions en tant
              qu'activité d'approvisionnement alimentaire.

            ## Leçons pour les prochaines crises

            - se doter d'un plan de continuité simple : lieu de repli, chaîne de contacts,
              protocole type ;
            - prendre soin des bénévoles : rotation des tâches, temps de pause, remerciements ;
            - penser l'accueil des nouveaux membres pour qu'ils restent au-delà de la crise ;
            - garder une trace écrite de ce qui a fonctionné.
        """,
    },
    {
        "file": "synthese-aleas-et-cagnottes.pdf",
        "kind": "Rapport - synthèse",
        "title": "Dix ans de solidarité face aux aléas en Provence",
        "subtitle": (
            "Synthèse de 37 cagnottes et caisses de solidarité organisées par les AMAP "
            "de Provence entre 2014 et 2024."
        ),
        "network": PACA,
        "year": 2025,
        "licence": "CC-BY-SA-4.0",
        "accent": PURPLE,
        "body": """
            ## Les aléas rencontrés

            Nombre de situations ayant donné lieu à une cagnotte ou à une aide de la caisse de
              solidarité, par type d'aléa :

            %bars Grêle=9; Gel tardif=7; Sécheresse=6; Accident ou maladie=6; Inondation=3;
              Incendie=3; Vol de matériel=3

            ## Les montants

            | Indicateur | Valeur |
            | Nombre de cagnottes ou d'aides | 37 |
            | Montant le plus faible | 800 € |
            | Montant le plus élevé | 18 000 € |
            | Montant moyen | 5 600 € |
            | Total mobilisé en dix ans | environ 207 000 € |

            ## Ce qui fonctionne

            - réagir vite : les cagnottes lancées dans les deux semaines qui suivent l'aléa
              rassemblent en moyenne deux fois plus ;
            - fixer un objectif chiffré, public et justifié ;
            - associer des gestes concrets aux dons : chantier collectif, soirée de soutien,
              transformation des produits abîmés ;
            - rendre compte de l'utilisation des fonds, par écrit ;
            - articuler la cagnotte avec les autres aides : assurance, dispositifs publics, prêts
              d'honneur.

            ## Ce qui fragilise

            - des appels répétés auprès des mêmes adhérent·es ;
            - l'absence de règles claires sur l'attribution des fonds ;
            - la difficulté à demander de l'aide pour des aléas non climatiques, comme la maladie.

            ## La caisse de solidarité régionale

            Depuis 2021, les AMAP de Provence alimentent une caisse régionale par une
              contribution de 1 euro par mois et par contrat. Un comité mixte d'amapien·nes et de
              paysan·nes peut décider d'une aide ou d'une avance en quinze jours. En trois ans, la
              caisse est intervenue neuf fois, souvent avant même le lancement d'une cagnotte.

            ## Recommandations

            - parler du partage des risques dès la signature du contrat ;
            - généraliser les caisses de solidarité permanentes ;
            - aider les paysan·nes à s'assurer et à mobiliser les aides publiques ;
            - documenter chaque aléa pour en tirer des enseignements.
        """,
    },
]

COMIC_PDFS = [
    {
        "file": "bd-paysan-en-amap-extrait.pdf",
        "comic": "demo-bd-paysan-ne-en-amap-pourquoi-pas-moi",
        "kind": "Bande dessinée - extrait",
        "title": "Paysan·ne en AMAP, pourquoi pas moi ?",
        "subtitle": (
            "Scénario : Lou Cardamome. Dessin : Pépin Bleu. 24 pages. Extrait : "
            "présentation et première planche."
        ),
        "network": "MIRAMAP",
        "year": 2021,
        "licence": "CC-BY-NC-SA-4.0",
        "accent": ORANGE,
        "body": """
            ## L'histoire

            Inès a 34 ans. Infirmière de nuit, elle passe ses jours de repos dans le jardin
              partagé de son quartier et ne rate jamais une distribution de son AMAP. Un soir,
              entre deux cagettes, elle pose à Jean, le maraîcher, la question qui la travaille
              depuis des mois : « Tu crois que je pourrais devenir paysanne, moi ? »

            La bande dessinée suit Inès pendant deux ans : la formation agricole, les stages chez
              Marthe et chez d'autres paysan·nes en AMAP, la recherche de terres, les rendez-vous à
              la banque, le doute, puis la rencontre avec un groupe d'amapien·nes prêt à s'engager
              avec elle dès sa première saison.

            ## Ce que la BD veut montrer

            - qu'on peut devenir paysan·ne sans être issu·e du milieu agricole ;
            - que l'installation demande du temps, de la formation et de l'accompagnement ;
            - que l'AMAP apporte à celles et ceux qui s'installent un revenu garanti, de la
              trésorerie et un soutien moral ;
            - que les réseaux d'AMAP et leurs partenaires peuvent aider à chaque étape.

            ## Les personnages

            - Inès, infirmière qui veut devenir maraîchère ;
            - Jean, maraîcher en AMAP depuis quinze ans ;
            - Marthe, paysanne qui accueille Inès en stage de parrainage ;
            - les amapien·nes de l'AMAP des Glycines.

            ## Commander des exemplaires imprimés

            La BD est téléchargeable gratuitement. Des exemplaires imprimés sont disponibles à 5
              € l'unité, 3 € à partir de dix exemplaires, frais d'envoi en plus (offerts au-delà de
              vingt exemplaires). Écrivez à commandes@reseau-exemple.org en précisant le nombre
              d'exemplaires et l'adresse de livraison.
        """,
    },
    {
        "file": "bd-charte-des-amap-extrait.pdf",
        "comic": "demo-bd-charte-des-amap",
        "kind": "Bande dessinée - extrait",
        "title": "La charte des AMAP racontée en bande dessinée",
        "subtitle": (
            "Scénario : collectif des AMAP de Provence. Dessin : Zélie Pastèque. 16 pages. Extrait."
        ),
        "network": PACA,
        "year": 2015,
        "licence": "CC-BY-SA-4.0",
        "accent": BLUE,
        "body": """
            ## L'histoire

            Marius vient de s'inscrire dans une AMAP marseillaise. Il trouve les légumes bons,
              mais la « charte » qu'on lui a remise l'amuse : « Une charte ? Pour des légumes ? »
              Au fil d'une saison, Nadia, une amapienne de longue date, et le paysan de l'AMAP vont
              lui faire découvrir, scène après scène, ce que contient ce texte.

            ## Une planche, un principe

            - une agriculture paysanne, sur une ferme à taille humaine ;
            - des pratiques respectueuses de l'environnement et de la biodiversité ;
            - un prix juste, discuté ensemble, qui permet au paysan de vivre de son travail ;
            - le partage des risques et des bénéfices de la production ;
            - la transparence du paysan sur ses pratiques et ses comptes ;
            - la participation des amapien·nes à la vie de l'AMAP ;
            - une démarche participative pour faire vivre la charte, avec des visites de ferme.

            ## Utiliser la BD

            Distribuez-la aux nouveaux adhérent·es en début de saison, affichez les planches sur
              le lieu de distribution ou lisez-la ensemble en assemblée générale pour lancer la
              discussion : quels principes nous paraissent bien vivants dans notre AMAP ? lesquels
              mériteraient plus d'attention ?

            ## Exemplaires imprimés

            2 € l'exemplaire, frais de port en sus. Commande : contact@reseau-exemple.org
        """,
    },
]

DOCX_DOCUMENTS = [
    {
        "file": "modele-registre-des-traitements.docx",
        "kind": "Modèle de document",
        "title": "Modèle de registre des traitements pour une AMAP",
        "subtitle": (
            "À compléter et à mettre à jour chaque année. Accompagne le kit RGPD pour les AMAP."
        ),
        "network": "MIRAMAP",
        "year": 2019,
        "licence": "CC-BY-SA-4.0",
        "body": """
            ## Identification de l'AMAP

            Nom de l'AMAP : ...................................................

            Adresse du siège : ...................................................

            Personne référente RGPD : ...................................................

            Date de la dernière mise à jour : ...................................................

            ## Les traitements de l'AMAP

            | Traitement | Finalité | Données collectées | Personnes ayant accès | Durée de
              conservation | Base légale |
            | Fichier des adhérent·es | Gérer les adhésions et la vie associative | Nom, prénom,
              courriel, téléphone | Bureau | 3 ans après le départ | Exécution du contrat
              d'adhésion |
            | Contrats | Organiser les contrats avec les paysan·nes | Nom, contrat choisi,
              paiements | Référent·es, paysan·ne concerné·e | 10 ans (pièces comptables) |
              Exécution du contrat |
            | Planning des permanences | Organiser les distributions | Nom, téléphone |
              Adhérent·es de l'AMAP | Fin de la saison | Intérêt légitime |
            | Liste de diffusion | Informer les membres | Courriel | Bureau | Jusqu'au départ |
              Intérêt légitime |
            | Photos | Illustrer la vie de l'AMAP | Image des personnes | Bureau | Durée de
              publication | Consentement |

            ## Mesures de sécurité

            - le fichier de référence est protégé par un mot de passe connu du seul bureau ;
            - les messages collectifs sont envoyés en copie cachée ;
            - aucune liste d'adhérent·es n'est affichée sur le lieu de distribution ;
            - les fichiers des saisons passées sont supprimés chaque automne.

            ## Demandes d'exercice des droits

            Notez ici les demandes d'accès, de rectification ou de suppression reçues, la date de
              réception et la date de réponse (un mois au plus).
        """,
    },
    {
        "file": "programme-matinee-elus.docx",
        "kind": "Programme type",
        "title": "Programme type : matinée de sensibilisation des élu·es à la ferme",
        "subtitle": "Un exemple de déroulé proposé par Les AMAP de Provence aux collectivités.",
        "network": PACA,
        "year": 2024,
        "licence": "CC-BY-SA-4.0",
        "body": """
            ## Objectifs

            - faire découvrir une ferme partenaire d'AMAP et le métier de paysan·ne ;
            - présenter le fonctionnement des AMAP et leur charte ;
            - identifier avec les élu·es des pistes d'action concrètes pour le territoire.

            ## Déroulé

            | Horaire | Séquence |
            | 8 h 30 | Accueil et petit-déjeuner préparé avec les produits de la ferme |
            | 9 h 00 | Visite de la ferme avec la paysanne ou le paysan |
            | 10 h 00 | Les AMAP en quelques chiffres et la charte, par le réseau |
            | 10 h 20 | Témoignages : une amapienne, un élu d'une commune voisine |
            | 10 h 50 | Atelier : quels leviers pour notre territoire ? |
            | 11 h 40 | Synthèse et prochaines étapes |
            | 12 h 00 | Fin de la matinée |

            ## Leviers abordés pendant l'atelier

            - mise à disposition de salles pour les distributions ;
            - foncier communal et appels à candidatures pour installer des paysan·nes ;
            - paniers solidaires en lien avec le CCAS ;
            - place des AMAP dans le projet alimentaire territorial ;
            - restauration collective et fermes locales.

            ## Matériel à prévoir

            Des bottes ou chaussures de marche, une salle ou un abri sur la ferme, un paperboard,
              la carte des AMAP du territoire.
        """,
    },
]

ODT_DOCUMENTS = [
    {
        "file": "modele-contrat-amap.odt",
        "kind": "Modèle de document",
        "title": "Contrat d'engagement AMAP : modèle à adapter",
        "subtitle": (
            "Proposé par InterAMAP 44. À adapter avec le paysan ou la paysanne avant chaque saison."
        ),
        "network": I44,
        "year": 2018,
        "licence": "CC-BY-SA-4.0",
        "body": """
            ## Les parties

            Entre l'adhérent·e : nom, prénom, téléphone, courriel
              ...................................................

            Et la ferme : nom de la ferme, nom du paysan ou de la paysanne, adresse
              ...................................................

            Dans le cadre de l'AMAP : ...................................................

            ## Objet et durée

            Le présent contrat porte sur la fourniture de paniers de ........................
              (produits) pour la saison allant du ............ au ............, soit ......
              distributions, chaque ............ de ...... h à ...... h, au lieu suivant :
              ...................................................

            ## Le panier et son prix

            Le contenu du panier varie selon les saisons et la production de la ferme. À titre
              indicatif, un panier comprend ......................... Le prix du panier, fixé d'un
              commun accord à partir des coûts de production de la ferme, est de ...... euros, soit
              ...... euros pour la saison.

            ## Paiement

            Le paiement se fait à l'avance, à l'ordre de la ferme, en une fois ou en ......
              chèques ou virements encaissés le ...... de chaque mois. L'AMAP ne prélève aucune
              commission.

            ## Engagements de l'adhérent·e

            - venir chercher son panier ou le faire récupérer par une personne de son choix ;
            - assurer au moins ...... permanences de distribution dans la saison ;
            - accepter les variations de contenu liées aux saisons et aux aléas ;
            - participer, dans la mesure du possible, à la vie de l'AMAP.

            ## Engagements du paysan ou de la paysanne

            - livrer des produits frais, de saison, issus de sa ferme ;
            - pratiquer une agriculture respectueuse de l'environnement, conformément à la charte
              des AMAP ;
            - informer régulièrement les adhérent·es de la vie de la ferme ;
            - accueillir au moins une visite de ferme par saison et présenter ses comptes sur
              demande.

            ## Absences

            En cas d'absence, l'adhérent·e peut confier son panier à une autre personne,
              l'échanger avec un autre adhérent·e ou le laisser à l'AMAP, qui le donnera. Aucun
              remboursement n'est dû.

            ## Aléas de production

            Les adhérent·es partagent avec la ferme les risques liés aux aléas de production
              (climat, maladies, ravageurs). En cas de perte importante, le paysan en informe
              l'AMAP, et une solution est recherchée collectivement : report de distributions,
              prolongation du contrat, solidarité. Le paiement reste dû.

            ## Données personnelles

            Les informations de ce contrat sont utilisées pour sa seule exécution et transmises à
              la ferme concernée. Elles sont conservées le temps exigé par les obligations
              comptables.

            Fait à ............, le ............ en deux exemplaires.

            Signature de l'adhérent·e .............................. Signature du paysan ou de la
              paysanne ..............................
        """,
    },
    {
        "file": "protocole-distribution-en-crise.odt",
        "kind": "Protocole",
        "title": "Protocole de distribution en période de crise",
        "subtitle": (
            "Le protocole d'une AMAP de Montreuil, écrit pendant le premier confinement "
            "de 2020 et relu depuis."
        ),
        "network": IDF,
        "year": 2020,
        "licence": "CC-BY-SA-4.0",
        "body": """
            ## Quand l'activer ?

            Ce protocole s'applique lorsqu'une crise empêche la distribution habituelle :
              épidémie, fermeture du lieu, canicule, inondation, intempéries. Le bureau décide de
              son activation et prévient les adhérent·es et le paysan par la liste de diffusion et
              par SMS.

            ## Le lieu de repli

            - premier choix : le jardin partagé voisin (convention signée avec l'association qui
              le gère) ;
            - deuxième choix : la cour de l'école, avec l'accord de la mairie ;
            - en cas de fortes chaleurs : distribution décalée en soirée, à l'ombre, caisses
              couvertes de bâches humides.

            ## L'organisation de la distribution

            - les paniers sont préparés à l'avance par le paysan et deux bénévoles ;
            - les adhérent·es viennent sur un créneau de quinze minutes, selon l'ordre
              alphabétique ;
            - une seule personne à la fois devant la table, marquage au sol ;
            - du gel hydroalcoolique et des sacs de rechange sont disponibles ;
            - les personnes vulnérables sont livrées à vélo par des bénévoles.

            ## La chaîne de contacts

            Chaque membre du bureau a une liste de dix adhérent·es à prévenir par téléphone si la
              liste de diffusion ne suffit pas. Le paysan est prévenu en premier.

            ## Prendre soin des bénévoles

            - pas plus de deux permanences par mois et par personne ;
            - un binôme pour chaque tâche, pour pouvoir se remplacer ;
            - un point rapide à la fin de chaque distribution.

            ## Après la crise

            Faites le bilan en assemblée générale, mettez à jour ce protocole et accueillez
              vraiment les personnes arrivées pendant la crise.
        """,
    },
]


def main():
    OUT.mkdir(exist_ok=True)
    make_covers()
    make_comic_pages()
    for spec in DOCUMENTS:
        make_pdf(spec["file"], spec)
    for spec in COMIC_PDFS:
        planches = [(OUT / f"{spec['comic']}-planche-{n}.png", f"Planche {n}") for n in (1,)]
        make_pdf(spec["file"], spec, images=planches)
    for spec in DOCX_DOCUMENTS:
        make_docx(spec["file"], spec)
    for spec in ODT_DOCUMENTS:
        make_odt(spec["file"], spec)


if __name__ == "__main__":
    main()

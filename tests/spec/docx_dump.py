"""Print what python-docx reads in a DOCX file, as JSON, for report_docx_spec.lua.

usage: /usr/bin/python3 tests/spec/docx_dump.py FILE.docx
"""
import json
import sys
import zipfile

import docx


def paragraph(p):
    return {"style": p.style.name, "text": p.text,
            "run_styles": sorted({r.style.name for r in p.runs if r.style is not None
                                  and r.style.name != "Default Paragraph Font"})}


def table(t):
    return {"style": t.style.name if t.style is not None else None,
            "rows": [[c.text for c in r.cells] for r in t.rows]}


def main(path):
    bad = zipfile.ZipFile(path).testzip()
    d = docx.Document(path)
    s = d.sections[0]
    normal = d.styles["Normal"]
    out = {
        "bad_member": bad,
        "page": {"width_mm": s.page_width.mm, "height_mm": s.page_height.mm,
                 "top_mm": s.top_margin.mm, "bottom_mm": s.bottom_margin.mm,
                 "left_mm": s.left_margin.mm, "right_mm": s.right_margin.mm},
        "different_first_page": s.different_first_page_header_footer,
        "header_text": s.header.paragraphs[0].text if s.header.paragraphs else "",
        "header_xml_has_page_field": "PAGE" in s.header._element.xml,
        "first_header_text": "".join(p.text for p in s.first_page_header.paragraphs),
        "normal_font": normal.font.name, "normal_size_pt": normal.font.size.pt
        if normal.font.size else None,
        "doc_default_font": d.styles.element.xpath(
            "string(w:docDefaults/w:rPrDefault/w:rPr/w:rFonts/@w:ascii)"),
        "doc_default_size_pt": int(d.styles.element.xpath(
            "string(w:docDefaults/w:rPrDefault/w:rPr/w:sz/@w:val)") or 0) / 2,
        "styles": {st.name: {"type": str(st.type), "builtin": st.builtin}
                   for st in d.styles},
        "style_sizes": {st.name: st.font.size.pt for st in d.styles
                        if hasattr(st, "font") and st.font is not None and st.font.size},
        "paragraphs": [paragraph(p) for p in d.paragraphs],
        "tables": [table(t) for t in d.tables],
        "title": d.core_properties.title,
    }
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1])

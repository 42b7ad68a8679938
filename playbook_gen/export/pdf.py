"""HTML to PDF with WeasyPrint, reproducibly: the document date comes from SOURCE_DATE_EPOCH (render/print.py)."""

from __future__ import annotations


def html_to_pdf(html: str, base_url: str | None = None) -> bytes:
    """Render print HTML (our own templates and CSS, never Material's pages) to PDF bytes.

    The HTML should carry <meta name="dcterms.created" content="{{ pdf_date }}"> so the PDF's
    metadata date is fixed; WeasyPrint adds no other timestamp.
    """
    from weasyprint import HTML  # imported lazily: pango is only needed when PDFs are made

    return HTML(string=html, base_url=base_url).write_pdf()

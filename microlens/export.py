"""Exports for client presentations and analysts: CSV, Excel, JSON, offline HTML, PDF, PowerPoint, images.

Build a list of `Section`s (finding, figure, the data behind it, source, SQL) and hand it to a writer:

    data:      to_csv(table) / to_xlsx(sections) / to_json(sections)   -> export_data (formula-safe)
    report:    to_html(sections, title, subtitle, brand)                -> export_html (offline, interactive)
    print:     to_pdf(sections, title, subtitle, brand)                 -> export_pdf (through Chromium)
    deck:      to_pptx(sections, title, subtitle, brand)                -> export_pptx (through Chromium)
    images:    figure_image(image_figure(fig, finding), "png" | "svg")  -> export_image, export_chromium

PDF, PowerPoint and images need Chromium (`chromium_path()`); without it they raise ExportUnavailable,
whose message tells the user what to install. Nothing here imports streamlit.
"""
from microlens.export_chromium import (
    ExportUnavailable,
    chromium_path,
    figure_image,
    figure_images,
)
from microlens.export_data import neutralise, neutralise_frame, to_csv, to_json, to_xlsx
from microlens.export_html import to_html
from microlens.export_image import image_figure
from microlens.export_model import SAMPLE_MARK, Brand, Section, load_brand
from microlens.export_pdf import to_pdf
from microlens.export_pptx import to_pptx

__all__ = [
    "SAMPLE_MARK", "Brand", "ExportUnavailable", "Section", "chromium_path", "figure_image", "figure_images",
    "image_figure",
    "load_brand", "neutralise", "neutralise_frame", "to_csv", "to_html", "to_json", "to_pdf", "to_pptx", "to_xlsx",
]

"""Serve plotly.js from the plotly package itself, so page and Python never differ in version
and nothing is fetched from a CDN."""

from pathlib import Path

import plotly
from django.contrib.staticfiles.finders import BaseFinder
from django.core.files.storage import FileSystemStorage

PLOTLY_JS = "vendor/plotly.min.js"


class PlotlyFinder(BaseFinder):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.root = Path(plotly.__file__).parent / "package_data"
        self.storage = FileSystemStorage(location=self.root, base_url="vendor/")
        self.storage.prefix = "vendor"

    def check(self, **kwargs) -> list:
        return []

    def find(self, path: str, find_all: bool = False, **kwargs):
        if path != PLOTLY_JS:
            # [], not None, as Django's own finders answer: finders.find() takes a None from
            # the last finder for a match, and whitenoise then fails on /static/<missing>.
            return []
        match = str(self.root / "plotly.min.js")
        return [match] if find_all else match

    def list(self, ignore_patterns):
        yield "plotly.min.js", self.storage

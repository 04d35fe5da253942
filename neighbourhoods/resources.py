"""The columns of observation files for import and export in the admin."""

from comparisons.imports import ContentResource, citations_field, natural_key_field

from .models import Indicator, Observation, Place


class ObservationResource(ContentResource):
    place = natural_key_field("place", Place, "de-marxloh")
    indicator = natural_key_field("indicator", Indicator, "unemployment-rate")
    citations = citations_field()

    class Meta(ContentResource.Meta):
        model = Observation
        import_id_fields = ["place", "indicator", "year", "year_end"]
        fields = [
            "place",
            "indicator",
            "value",
            "year",
            "year_end",
            "date",
            "note_nl",
            "note_en",
            "citations",
        ]

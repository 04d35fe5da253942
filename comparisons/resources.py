"""The columns of programme and budget files for import and export in the admin."""

from import_export import fields

from .imports import ContentResource, KeysWidget, citations_field, natural_key_field
from .models import Budget, Currency, GovernanceLevel, Programme, Theme


class ProgrammeResource(ContentResource):
    level = natural_key_field("level", GovernanceLevel, "DE/bund")
    parent = natural_key_field("parent", Programme, "de-soziale-stadt", required=False)
    themes = fields.Field(
        attribute="themes", column_name="themes", widget=KeysWidget(Theme, "code")
    )
    citations = citations_field()

    class Meta(ContentResource.Meta):
        model = Programme
        import_id_fields = ["slug"]
        fields = [
            "slug",
            "level",
            "kind",
            "name_nl",
            "name_en",
            "original_name",
            "abbreviation",
            "start_year",
            "end_year",
            "description_nl",
            "description_en",
            "goals_nl",
            "goals_en",
            "parent",
            "is_key",
            "themes",
            "citations",
        ]


class BudgetResource(ContentResource):
    programme = natural_key_field("programme", Programme, "de-soziale-stadt")
    currency = natural_key_field("currency", Currency, "DKK")
    part_of = natural_key_field("part_of", Budget, "de-soziale-stadt/de-bund-2019", required=False)
    funding_level = natural_key_field("funding_level", GovernanceLevel, "DE/bund", required=False)
    citations = citations_field()

    class Meta(ContentResource.Meta):
        model = Budget
        import_id_fields = ["programme", "code"]
        fields = [
            "programme",
            "code",
            "amount",
            "currency",
            "basis",
            "period_start",
            "period_end",
            "part_of",
            "funding_level",
            "stated_eur",
            "note_nl",
            "note_en",
            "citations",
        ]

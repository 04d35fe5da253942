from django.core.management.base import BaseCommand

from comparisons.dataset import dataset_files, dataset_load


class Command(BaseCommand):
    help = (
        "Load the dataset from fixtures/. Safe to repeat: records are matched by natural key. "
        "Skipped when the files are unchanged since the last load, so that editors' changes "
        "made since then are kept; --force loads anyway."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Load even if this version was loaded before."
        )

    def handle(self, *args, force: bool = False, verbosity: int = 1, **options):
        if not dataset_files():
            message = "No dataset files in fixtures/: nothing to load."
        elif dataset_load(force=force, verbosity=verbosity):
            message = self.style.SUCCESS("Dataset loaded.")
        else:
            message = "Dataset unchanged since its last load: kept as it is."
        if verbosity:
            self.stdout.write(message)

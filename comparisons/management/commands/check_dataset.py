from django.core.management.base import BaseCommand, CommandError

from comparisons.dataset import dataset_problems, dataset_summary
from comparisons.models import Country, DataNote


class Command(BaseCommand):
    help = (
        "Check the dataset: every fact cited, every text in Dutch and English, every record "
        "valid, every budget convertible to euro, every case neighbourhood with its baseline. "
        "Prints a summary; fails with the list of problems."
    )

    def handle(self, *args, **options):
        self.print_summary()
        problems = dataset_problems()
        if problems:
            lines = "\n".join(f"  - {problem}" for problem in problems)
            raise CommandError(f"{len(problems)} problem(s) in the dataset:\n{lines}")
        self.stdout.write(self.style.SUCCESS("Dataset OK."))

    def print_summary(self) -> None:
        codes = list(Country.objects.values_list("code", flat=True))
        header = f"{'':28}{'total':>7}" + "".join(f"{code:>6}" for code in codes)
        self.stdout.write(header)
        for name, counts in dataset_summary().items():
            per_country = "".join(f"{counts.get(code, 0):>6}" for code in codes)
            self.stdout.write(f"{name[:27]:28}{counts['total']:>7}{per_country}")
        notes = DataNote.objects.select_related("country")
        self.stdout.write(f"\nData notes ({len(notes)}):")
        for note in notes:
            self.stdout.write(f"  [{note.country.code if note.country else '--'}] {note.title}")

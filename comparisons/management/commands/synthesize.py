import time

from django.core.management.base import BaseCommand, CommandError

from comparisons.synthetic import CannotSynthesize, remove_synthetic, synthesize


class Command(BaseCommand):
    help = (
        "Add a synthetic dataset beside the real one, for measuring the pages at scale: at "
        "--scale 100 about 300 countries, 10,000 programmes, 1,000 neighbourhoods with "
        "100,000 figures; scale 1 is a hundredth. Every record cites the source “synthetic” "
        "and has a code starting with syn- where it has a code. Any synthetic data already "
        "there is replaced; --remove takes it all away."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=1, help="Size, 1 to about 200.")
        parser.add_argument(
            "--seed", type=int, default=0, help="The same seed gives the same records."
        )
        parser.add_argument(
            "--remove", action="store_true", help="Delete the synthetic data, add nothing."
        )

    def handle(self, *args, scale: int, seed: int, remove: bool, verbosity: int, **options):
        started = time.perf_counter()
        try:
            counts = remove_synthetic() if remove else synthesize(scale=scale, seed=seed)
        except CannotSynthesize as problem:
            raise CommandError(str(problem)) from problem
        seconds = time.perf_counter() - started
        if not verbosity:
            return
        if remove and not counts:
            self.stdout.write("There was no synthetic data to remove.")
            return
        for label, count in sorted(counts.items()):
            self.stdout.write(f"{count:>9,} {label}")
        done = "Removed" if remove else f"Added (scale {scale}, seed {seed})"
        self.stdout.write(self.style.SUCCESS(f"{done} in {seconds:.1f} s."))

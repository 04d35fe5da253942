from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .models import Country


def home(request: HttpRequest) -> HttpResponse:
    countries = Country.objects.annotate(programme_count=Count("levels__programmes"))
    return render(request, "comparisons/home.html", {"countries": countries})

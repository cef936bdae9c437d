"""Django admin (in Chinese) for the legal office's lists."""

from __future__ import annotations

from django.contrib import admin

from chengguan.law.models import (
    Benchmark,
    BenchmarkLevel,
    ExemptionItem,
    PowerItem,
    ReviewCatalogue,
)


@admin.register(PowerItem)
class PowerItemAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "domain", "fine_min", "fine_max", "active")
    list_filter = ("bureau", "domain", "active", "delegated_to")
    search_fields = ("code", "name", "legal_basis")
    filter_horizontal = ("delegated_to",)


class BenchmarkLevelInline(admin.TabularInline):
    model = BenchmarkLevel
    extra = 0


@admin.register(Benchmark)
class BenchmarkAdmin(admin.ModelAdmin):
    list_display = ("power_item", "version", "title", "published_on")
    list_filter = ("bureau", "power_item__domain", "published_on")
    search_fields = ("power_item__code", "power_item__name", "title")
    inlines = [BenchmarkLevelInline]


@admin.register(ExemptionItem)
class ExemptionItemAdmin(admin.ModelAdmin):
    list_display = ("code", "power_item", "kind", "published_on", "active")
    list_filter = ("bureau", "kind", "active")
    search_fields = ("code", "power_item__name", "conditions")


@admin.register(ReviewCatalogue)
class ReviewCatalogueAdmin(admin.ModelAdmin):
    list_display = ("code", "title", "fine_person_at_least", "fine_organisation_at_least", "active")
    list_filter = ("bureau", "active")
    filter_horizontal = ("power_items",)

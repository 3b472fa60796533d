from django.contrib import admin

from .models import LiveGame, LivePlayer


class LivePlayerInline(admin.TabularInline):
    model = LivePlayer
    fields = ["nickname", "user", "score", "joined_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(LiveGame)
class LiveGameAdmin(admin.ModelAdmin):
    list_display = ["quiz", "pin", "host", "state", "created_at"]
    list_filter = ["state"]
    search_fields = ["pin", "quiz__title", "host__username"]
    readonly_fields = ["question_ids", "opened_at", "closes_at", "last_activity", "ended_at"]
    inlines = [LivePlayerInline]

"""The task list in the admin: django-tasks-db's own admin, in Vietnamese, with
what each run did (mail sent, next attempt, error).

Read-only, as the library makes it. Only superusers see it: no group is given
its permissions.
"""

from django.contrib import admin
from django_tasks import TaskResultStatus
from django_tasks_db.admin import DBTaskResultAdmin
from django_tasks_db.models import DBTaskResult

STATUS_LABELS = {
    TaskResultStatus.READY: "Chờ chạy",
    TaskResultStatus.RUNNING: "Đang chạy",
    TaskResultStatus.SUCCESSFUL: "Đã chạy xong",
    TaskResultStatus.FAILED: "Thất bại",
}


class StatusFilter(admin.SimpleListFilter):
    title = "trạng thái"
    parameter_name = "trang_thai"

    def lookups(self, request, model_admin):
        return list(STATUS_LABELS.items())

    def queryset(self, request, queryset):
        if self.value() in STATUS_LABELS:
            return queryset.filter(status=self.value())
        return queryset


admin.site.unregister(DBTaskResult)


@admin.register(DBTaskResult)
class TaskResultAdmin(DBTaskResultAdmin):
    list_display = ["queued_at", "task", "arguments", "state", "not_before", "outcome"]
    list_filter = [StatusFilter, "queue_name"]
    show_full_result_count = False

    @admin.display(description="xếp hàng lúc", ordering="enqueued_at")
    def queued_at(self, result):
        return result.enqueued_at

    @admin.display(description="tác vụ")
    def task(self, result):
        return result.task_name

    @admin.display(description="tham số")
    def arguments(self, result):
        args, kwargs = result.args_kwargs["args"], result.args_kwargs["kwargs"]
        return ", ".join([*map(repr, args), *(f"{k}={v!r}" for k, v in kwargs.items())])

    @admin.display(description="trạng thái", ordering="status")
    def state(self, result):
        return STATUS_LABELS.get(result.status, result.status)

    @admin.display(description="chạy sau", ordering="run_after")
    def not_before(self, result):
        return self.display_run_after(result)

    @admin.display(description="kết quả")
    def outcome(self, result):
        if result.status == TaskResultStatus.FAILED:
            return result.exception_class_path
        return "" if result.return_value is None else result.return_value

from celery import shared_task

from .submissions import prune_form_submissions


@shared_task
def prune_old_form_submissions() -> int:
    return prune_form_submissions()

"""Attachments of agenda items: size and type checked, kept under MEDIA_ROOT, served only as downloads."""

import datetime
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from core.tests.helpers import keyed
from bodies import seed
from meetings.models import AgendaAttachment
from meetings.services import agenda as services

from .helpers import meeting_of, messages_of

pytestmark = pytest.mark.django_db

SOON = timezone.localdate() + datetime.timedelta(days=30)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


@pytest.fixture
def meeting(network):
    return meeting_of(network, seed.BELEIDSGROEP, day=SOON)


@pytest.fixture
def item(meeting, coordinator):
    return services.agenda_item_add(meeting=meeting, by=coordinator, title="Begroting 2027")


def docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


def ods() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<content/>")
    return buffer.getvalue()


def upload(name: str, content: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def add_url(item):
    return reverse("meetings:attachment_add", kwargs={"network": item.meeting.body.network.slug, "pk": item.pk})


def file_url(attachment, name="attachment"):
    network = attachment.item.meeting.body.network.slug
    return reverse(f"meetings:{name}", kwargs={"network": network, "pk": attachment.pk})


# Checks ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, content, content_type",
    [
        ("begroting.pdf", PDF, "application/pdf"),
        ("nota.DOCX", docx(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("cijfers.ods", ods(), "application/vnd.oasis.opendocument.spreadsheet"),
        ("schema.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, "image/png"),
        ("foto.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 20, "image/jpeg"),
        ("notities.txt", "Wachtlijsten — cijfers".encode(), "text/plain"),
    ],
)
def test_allowed_files_are_kept_with_the_type_their_extension_names(item, coordinator, media, name, content, content_type):
    attachment = services.attachment_add(item=item, upload=upload(name, content, "text/html"), by=coordinator)
    assert attachment.content_type == content_type
    assert attachment.size == len(content)
    assert attachment.uploaded_by == coordinator
    stored = media / attachment.file.name
    assert stored.read_bytes() == content
    assert attachment.file.name.startswith(f"agenda/{item.meeting_id}/")


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("virus.exe", b"MZ\x90\x00", "Dit soort bestand kan geen bijlage zijn"),
        ("pagina.html", b"<script>alert(1)</script>", "Dit soort bestand kan geen bijlage zijn"),
        ("beeld.svg", b"<svg onload=alert(1)>", "Dit soort bestand kan geen bijlage zijn"),
        ("zonder-extensie", PDF, "Dit soort bestand kan geen bijlage zijn"),
        ("vermomd.pdf", b"MZ\x90\x00 not a pdf", "past niet bij de extensie .pdf"),
        ("vermomd.docx", b"PK\x03\x04 broken zip", "past niet bij de extensie .docx"),
        ("spreadsheet.docx", ods(), "past niet bij de extensie .docx"),
        ("binair.txt", b"abc\x00def", "past niet bij de extensie .txt"),
        ("html.png", b"<html>", "past niet bij de extensie .png"),
        ("leeg.pdf", b"", "Dit bestand is leeg"),
    ],
)
def test_other_types_and_disguised_files_are_refused(item, coordinator, media, name, content, message):
    with pytest.raises(Exception, match=message):
        services.attachment_add(item=item, upload=upload(name, content), by=coordinator)
    assert not AgendaAttachment.objects.exists()
    assert not any(path.is_file() for path in media.rglob("*")) if media.exists() else True


def test_a_file_over_the_limit_is_refused(item, coordinator, settings):
    settings.ATTACHMENT_MAX_BYTES = 1024
    with pytest.raises(Exception, match="te groot: hoogstens"):
        services.attachment_add(item=item, upload=upload("groot.pdf", PDF + b"x" * 1024), by=coordinator)
    assert not AgendaAttachment.objects.exists()


def test_the_file_name_loses_its_path_and_dangerous_characters(item, coordinator):
    attachment = services.attachment_add(
        item=item, upload=upload('..\\..\\etc/"pass;wd"\r\n.PDF', PDF), by=coordinator
    )
    assert attachment.name == "pass_wd.pdf"
    assert services.safe_filename("Begroting 2027 (ontwerp).pdf", "pdf") == "Begroting 2027 (ontwerp).pdf"
    assert services.safe_filename(".pdf", "pdf") == "bijlage.pdf"


def test_an_attachment_after_publication_is_noted_as_a_change(item, meeting, coordinator):
    services.agenda_publish(meeting=meeting, by=coordinator)
    services.attachment_add(item=item, upload=upload("nota.pdf", PDF), by=coordinator)
    assert list(meeting.agenda_changes.values_list("description", flat=True)) == [
        "Bijlage toegevoegd bij Begroting 2027: nota.pdf"
    ]


# Pages ----------------------------------------------------------------------------------


def test_the_chair_uploads_from_the_agenda_page(login, item, chair):
    response = login(chair).post(add_url(item), keyed({"file": upload("nota.pdf", PDF)}), follow=True)
    assert messages_of(response) == ["“nota.pdf” is toegevoegd bij “Begroting 2027”."]
    attachment = item.attachments.get()
    assert file_url(attachment).encode() in response.content
    assert b"/media/" not in response.content


def test_a_refused_upload_says_why(login, item, chair):
    response = login(chair).post(add_url(item), keyed({"file": upload("virus.exe", b"MZ")}), follow=True)
    assert messages_of(response)[0].startswith("Dit soort bestand kan geen bijlage zijn.")
    response = login(chair).post(add_url(item), keyed({}), follow=True)
    assert messages_of(response) == ["Kies een bestand om toe te voegen."]
    assert not item.attachments.exists()


def test_members_without_the_right_to_run_the_body_cannot_upload(login, item, voting_member):
    assert login(voting_member).post(add_url(item), keyed({"file": upload("nota.pdf", PDF)})).status_code == 403


@pytest.fixture
def attachment(item, coordinator):
    return services.attachment_add(item=item, upload=upload("Begroting (ontwerp) é.pdf", PDF), by=coordinator)


def test_the_download_is_always_an_attachment_with_a_safe_name_and_nosniff(login, attachment, member_without_vote):
    response = login(member_without_vote).get(file_url(attachment))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "inline" not in response["Content-Disposition"]
    assert "filename*=utf-8''Begroting%20%28ontwerp%29%20%C3%A9.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"


def test_a_draft_agendas_files_are_for_the_body_only(login, attachment, forum_member, other_network_member):
    assert login(forum_member).get(file_url(attachment)).status_code == 403
    assert login(other_network_member).get(file_url(attachment)).status_code == 404


def test_a_published_agendas_files_are_for_every_network_member(login, attachment, meeting, coordinator, forum_member):
    services.agenda_publish(meeting=meeting, by=coordinator)
    assert login(forum_member).get(file_url(attachment)).status_code == 200


def test_a_withdrawn_items_files_stay_internal_after_publication(
    login, attachment, item, meeting, coordinator, forum_member, member_without_vote
):
    services.agenda_item_add(meeting=meeting, by=coordinator, title="Jaarplan")
    services.agenda_publish(meeting=meeting, by=coordinator)
    services.agenda_item_remove(item=item, by=coordinator)
    assert login(forum_member).get(file_url(attachment)).status_code == 403
    assert login(member_without_vote).get(file_url(attachment)).status_code == 200


def test_anonymous_visitors_are_sent_to_login(client, attachment):
    response = client.get(file_url(attachment))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_a_missing_file_is_404_not_500(login, attachment, coordinator, media):
    (media / attachment.file.name).unlink()
    assert login(coordinator).get(file_url(attachment)).status_code == 404


def test_removing_an_attachment_deletes_its_file_after_commit(
    login, attachment, chair, media, django_capture_on_commit_callbacks
):
    stored = media / attachment.file.name
    with django_capture_on_commit_callbacks(execute=True):
        response = login(chair).post(file_url(attachment, "attachment_remove"), follow=True)
    assert messages_of(response) == ["De bijlage “Begroting (ontwerp) é.pdf” is verwijderd."]
    assert not AgendaAttachment.objects.exists()
    assert not stored.exists()


def test_an_upload_announcing_too_many_bytes_is_refused_before_it_is_read(login, item, chair, settings):
    settings.ATTACHMENT_MAX_BYTES = 1024
    big = upload("groot.pdf", PDF + b"x" * 200_000)
    response = login(chair).post(add_url(item), keyed({"file": big}), follow=True)
    assert messages_of(response) == ["Dit bestand is te groot: hoogstens 1,0\xa0KB."]
    assert not item.attachments.exists()


def test_the_early_refusal_still_checks_who_asks(login, client, item, voting_member, other_network_member, settings):
    settings.ATTACHMENT_MAX_BYTES = 1024
    big = {"file": upload("groot.pdf", PDF + b"x" * 200_000)}
    assert client.post(add_url(item), keyed(big)).status_code == 302  # to the login page
    assert login(voting_member).post(add_url(item), keyed(big)).status_code == 403
    assert login(other_network_member).post(add_url(item), keyed(big)).status_code == 404


def test_an_upload_without_csrf_token_is_refused(item, chair):
    from .helpers import csrf_client

    response = csrf_client(chair).post(add_url(item), keyed({"file": upload("nota.pdf", PDF)}))
    assert response.status_code == 403
    assert not item.attachments.exists()

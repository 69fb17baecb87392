"""The whole story of the service through a client generated from its
OpenAPI document (openapi-python-client): no hand-written HTTP.

A provider publishes a matrix (refused for a lint error until fixed), a
customer subscribes, each side maps its own column, a duty goes through R
(with a file), C on the provider's side and A on the customer's, a second
edition brings a change notice the customer accepts, and the customer's
auditor reads and verifies the trail. scripts/api-clients.sh generates the
client, starts the server and sets RACI_SERVER, RACI_DATABASE and RACI_BIN;
the organizations and first tokens come from the operator's commands.
"""

import hashlib
import os
import subprocess
import uuid
from http import HTTPStatus

from raci_client import AuthenticatedClient
from raci_client.api.audit import list_audit_entries, verify_audit_chain
from raci_client.api.catalog import create_service, get_edition, publish_edition
from raci_client.api.changes import accept_change_notice, get_change_notice
from raci_client.api.duties import (
    add_evidence,
    answer_consultation,
    get_duty,
    get_evidence_content,
    sign_off_duty,
    start_duty,
    submit_duty,
)
from raci_client.api.subscriptions import (
    get_subscription,
    get_subscription_summary,
    list_duties,
    set_owners,
    subscribe,
)
from raci_client.models import (
    Agreement,
    AgreementAnswer,
    Approval,
    ApprovalDecision,
    DocumentView,
    DutyState,
    EntryKind,
    Direction,
    ErrorBody,
    ErrorCode,
    LetterOwnersInput,
    NewService,
    NewSubscription,
    OwnersInput,
    UserOwner,
)
from raci_client.types import File

SERVER = os.environ["RACI_SERVER"]
DATABASE = os.environ["RACI_DATABASE"]
RACI = os.environ["RACI_BIN"]

MATRIX = """---
title: Story Queue - Responsibility model
updated: 2024-03-18
lang: en
---

### 1. Running the service

| Activity | Customer | Story Cloud |
| --- | --- | --- |
| Rotate the access keys of the applications | RA | C |
| Keep the broker hosts patched | I | RA |
| Pick the region that hosts the brokers | RA | I |
"""


def operator(*args: str) -> str:
    """One of the operator's commands on the database; its output."""
    done = subprocess.run([RACI, *args, "--database", DATABASE], check=True, capture_output=True, text=True)
    return done.stdout.strip()


def person(org: str, email: str, role: str) -> AuthenticatedClient:
    user = operator("admin", "create-user", "--org", org, "--email", email, "--role", role)
    token = operator("admin", "token", "--user", user)
    return AuthenticatedClient(base_url=SERVER, token=token)


def body(response):
    """The typed answer of a successful call."""
    assert 200 <= response.status_code < 300, (response.status_code, response.content)
    return response.parsed


def refusal(response) -> tuple[int, ErrorCode, str | None]:
    assert isinstance(response.parsed, ErrorBody), (response.status_code, response.content)
    error = response.parsed.error
    field = error.field if isinstance(error.field, str) else None
    return response.status_code, error.code, field


def test_the_whole_story():
    run = uuid.uuid4().hex[:8]
    provider_org = operator("admin", "create-org", f"Story Cloud {run}", "--kind", "provider")
    customer_org = operator("admin", "create-org", f"Story Corp {run}", "--kind", "customer")
    provider = person(provider_org, f"admin-{run}@story-cloud.example", "admin")
    sre = person(provider_org, f"sre-{run}@story-cloud.example", "member")
    customer = person(customer_org, f"admin-{run}@story-corp.example", "admin")
    ops = person(customer_org, f"ops-{run}@story-corp.example", "member")
    auditor = person(customer_org, f"audit-{run}@story-corp.example", "auditor")

    # The provider publishes: a lint error refuses the matrix, with findings.
    service = body(create_service.sync_detailed(client=provider, body=NewService(slug=f"queue-{run}", name="Story Queue")))
    two_a = MATRIX.replace("| Pick the region that hosts the brokers | RA | I |", "| Pick the region that hosts the brokers | RA | A |")
    refused = publish_edition.sync_detailed(service.id, client=provider, body=File(payload=two_a.encode()))
    assert refusal(refused)[:2] == (HTTPStatus.UNPROCESSABLE_ENTITY, ErrorCode.LINT_ERRORS)
    assert refused.parsed.error.findings[0].name == "multiple-accountable"
    published = body(publish_edition.sync_detailed(service.id, client=provider, body=File(payload=MATRIX.encode())))
    assert (published.edition.number, published.edition.activities) == (1, 3)
    document = body(get_edition.sync_detailed(service.id, 1, client=ops))
    assert isinstance(document, DocumentView)
    assert document.activities[0].roles.additional_properties == {"Customer": "RA", "Story Cloud": "C"}

    # The customer subscribes; the subscription says whose column is whose.
    sub = body(subscribe.sync_detailed(client=ops, body=NewSubscription(service=service.id)))
    assert sub.duties == 3
    seen = body(get_subscription.sync_detailed(sub.id, client=sre))
    assert [(p.party, p.side.value) for p in seen.parties] == [("Customer", "customer"), ("Story Cloud", "provider")]
    duties = body(list_duties.sync_detailed(sub.id, client=ops))
    keys = next(d for d in duties if d.text.startswith("Rotate"))

    # Each side maps its own column; the other side's is refused.
    mine = OwnersInput(party="Customer", owners=LetterOwnersInput(r=UserOwner(user=int(ops_user(ops)))))
    body(set_owners.sync_detailed(sub.id, client=customer, body=mine))
    theirs = OwnersInput(party="Story Cloud", owners=LetterOwnersInput(r=UserOwner(user=int(ops_user(ops)))))
    assert refusal(set_owners.sync_detailed(sub.id, client=customer, body=theirs)) == (HTTPStatus.FORBIDDEN, ErrorCode.FORBIDDEN, "party")
    body(set_owners.sync_detailed(sub.id, client=provider, body=OwnersInput(party="Story Cloud", owners=LetterOwnersInput(c=[UserOwner(user=int(ops_user(sre)))]))))

    # R works with a file; C (the provider's) agrees; A (the customer's) signs off.
    assert refusal(start_duty.sync_detailed(keys.id, client=customer))[:2] == (HTTPStatus.FORBIDDEN, ErrorCode.FORBIDDEN)
    assert body(start_duty.sync_detailed(keys.id, client=ops)).state == DutyState.IN_PROGRESS
    proof = b"\x00rotated 12 keys\xff"
    evidence = body(add_evidence.sync_detailed(keys.id, client=ops, body=File(payload=proof), name="rotation.log"))
    assert evidence.sha256 == hashlib.sha256(proof).hexdigest()
    assert body(submit_duty.sync_detailed(keys.id, client=ops)).state == DutyState.AWAITING_CONSULTATION
    detail = body(get_duty.sync_detailed(keys.id, client=sre))
    asked = detail.allowed.answer[0]
    after = body(answer_consultation.sync_detailed(keys.id, asked, client=sre, body=Agreement(answer=AgreementAnswer.AGREE)))
    assert after.state == DutyState.AWAITING_SIGNOFF
    done = body(sign_off_duty.sync_detailed(keys.id, client=customer, body=Approval(decision=ApprovalDecision.APPROVE)))
    assert done.state == DutyState.DONE
    content = get_evidence_content.sync_detailed(keys.id, evidence.id, client=auditor)
    assert content.status_code == 200 and content.content == proof
    assert content.headers["x-content-sha256"] == evidence.sha256
    summary = body(get_subscription_summary.sync_detailed(sub.id, client=auditor))
    assert (summary.total, summary.states.done) == (3, 1)

    # A second edition: the patching duty moves onto the customer.
    second = MATRIX.replace("| Keep the broker hosts patched | I | RA |", "| Keep the broker hosts patched | RA | I |")
    changes = body(publish_edition.sync_detailed(service.id, client=provider, body=File(payload=second.encode()))).changes
    assert (changes.notices, changes.summary.role_changes) == (1, 1)
    pending = body(get_subscription.sync_detailed(sub.id, client=ops)).pending_notice
    notice = body(get_change_notice.sync_detailed(pending, client=ops))
    moved = [e for e in notice.entries if e.kind == EntryKind.CHANGED]
    patched = next(d for d in duties if d.text.startswith("Keep"))
    assert [(e.duty, e.direction) for e in moved] == [(patched.id, Direction.ONTO_CUSTOMER)]
    assert refusal(accept_change_notice.sync_detailed(pending, client=ops))[:2] == (HTTPStatus.FORBIDDEN, ErrorCode.FORBIDDEN)
    accepted = body(accept_change_notice.sync_detailed(pending, client=customer))
    assert accepted.notice.status.value == "accepted"

    # The customer's auditor reads the trail of the duty and verifies the chain.
    page = body(list_audit_entries.sync_detailed(client=auditor, duty=keys.id))
    actions = [e.action for e in page.entries]
    assert "duty.signoff" in actions and "consultation.answer" in actions
    report = body(verify_audit_chain.sync_detailed(client=auditor))
    assert report.ok and report.broken is None and report.entries > 0
    assert refusal(verify_audit_chain.sync_detailed(client=ops))[:2] == (HTTPStatus.FORBIDDEN, ErrorCode.FORBIDDEN)


def ops_user(client: AuthenticatedClient) -> int:
    """The user id behind a client, as the API tells it."""
    from raci_client.api.accounts import get_me

    return body(get_me.sync_detailed(client=client)).user.id

#!/usr/bin/env python3
"""Drives `raci lsp` with a real LSP client (pygls's LanguageClient), as an
editor would: open a page of our own written like the published ones, see its
findings, edit a cell and see them change, apply a code action and see the
finding go, hover a role cell, format the page, fix all.

Usage: scripts/lsp-client-test.py [RACI_BINARY]   (installs pygls when missing)
Exits non-zero, saying what failed, when the server does not do what an
editor expects.
"""

import asyncio
import os
import subprocess
import sys
import tempfile
from pathlib import Path

try:
    import pygls  # noqa: F401
except ImportError:
    subprocess.check_call([sys.executable, "-m", "pip", "install", "--quiet",
                           "--disable-pip-version-check", "pygls>=2,<3"])

from lsprotocol import types as lsp  # noqa: E402
from pygls.lsp.client import LanguageClient  # noqa: E402

# Our own page, written like a provider's Markdown matrix (bold headers,
# numbered sections, a footnote mark).
PAGE = """---
title: Managed Message Queue - Responsibility model
lang: en
---

## RACI definition

R: does the work. A: answers for it. C: is asked. I: is told.

### 1. Before ordering

| **Activity** | **Customer** | **Nimbus** |
| --- | --- | --- |
| Pick the region that hosts the brokers | RA | I |
| Decide which protocol version to enable | A | IR |

### 2. Running the service

| **Activity** | **Customer** | **Nimbus** |
| --- | --- | --- |
| Back up the queue definitions | RAI* | I |
| Test restoring the definitions every quarter | RA | RA |

*Under the backup option.
"""

TIMEOUT = 30


def fail(message):
    print(f"lsp client test: FAILED: {message}", file=sys.stderr)
    sys.exit(1)


def check(condition, message):
    if not condition:
        fail(message)


def apply_edits(text, edits):
    lines = text.split("\n")

    def offset(position):
        # The page is ASCII: UTF-16 units are characters.
        return sum(len(line) + 1 for line in lines[: position.line]) + position.character

    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        start, end = offset(edit.range.start), offset(edit.range.end)
        text = text[:start] + edit.new_text + text[end:]
    return text


async def main(raci):
    folder = Path(tempfile.mkdtemp(prefix="raci-lsp-"))
    page = folder / "managed-queue.en.md"
    page.write_text(PAGE)
    uri = page.as_uri()

    client = LanguageClient("raci-lsp-client-test", "1")
    published = asyncio.Queue()

    @client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_diagnostics(params: lsp.PublishDiagnosticsParams):
        published.put_nowait(params)

    async def next_diagnostics():
        params = await asyncio.wait_for(published.get(), TIMEOUT)
        check(params.uri == uri, f"diagnostics for {params.uri}, expected {uri}")
        return params.diagnostics

    def codes(diagnostics):
        return [d.code for d in diagnostics]

    await client.start_io(raci, "lsp")
    result = await asyncio.wait_for(
        client.initialize_async(lsp.InitializeParams(
            capabilities=lsp.ClientCapabilities(),
            root_uri=folder.as_uri(),
        )),
        TIMEOUT,
    )
    check(result.capabilities.hover_provider, "no hover")
    check(result.capabilities.document_formatting_provider, "no formatting")
    client.initialized(lsp.InitializedParams())

    # 1. Open: the findings of the page, with links to the rules.
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(
        text_document=lsp.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=PAGE)))
    found = await next_diagnostics()
    print("opened:", codes(found))
    check(codes(found) == ["RACI005", "RACI006", "RACI006", "RACI002"], f"opened: {codes(found)}")
    order = found[0]
    check(order.range.start == lsp.Position(line=14, character=48), f"range {order.range}")
    check(order.code_description and order.code_description.href.endswith(
        "docs/rules/non-canonical-letter-order.md"), "no link to the rule")

    # 2. Edit a cell: the order finding goes.
    text = PAGE.replace("| A | IR |", "| A | RI |")
    client.text_document_did_change(lsp.DidChangeTextDocumentParams(
        text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=2),
        content_changes=[lsp.TextDocumentContentChangeWholeDocument(text=text)]))
    found = await next_diagnostics()
    print("edited:", codes(found))
    check(codes(found) == ["RACI006", "RACI006", "RACI002"], f"after the edit: {codes(found)}")

    # 3. A code action: drop the redundant I of the backup row (mark kept).
    backup = next(d for d in found if d.code == "RACI006" and d.range.start.line == 20)
    actions = await asyncio.wait_for(client.text_document_code_action_async(lsp.CodeActionParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri), range=backup.range,
        context=lsp.CodeActionContext(diagnostics=[backup]))), TIMEOUT)
    titles = [action.title for action in actions]
    print("actions:", titles)
    drop = next((a for a in actions if a.title.startswith("drop the I of `Customer`")), None)
    check(drop is not None, f"no fix among {titles}")
    check(any(a.kind == "source.fixAll.raci" for a in actions), f"no fix-all among {titles}")
    text = apply_edits(text, drop.edit.changes[uri])
    check("| Back up the queue definitions | RA* | I |" in text, "the fix did not keep the mark")
    client.text_document_did_change(lsp.DidChangeTextDocumentParams(
        text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=3),
        content_changes=[lsp.TextDocumentContentChangeWholeDocument(text=text)]))
    found = await next_diagnostics()
    print("fixed:", codes(found))
    check(codes(found) == ["RACI006", "RACI002"], f"after the code action: {codes(found)}")

    # 4. Hover a role cell: every party's letters, what they mean.
    hover = await asyncio.wait_for(client.text_document_hover_async(lsp.HoverParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri),
        position=lsp.Position(line=21, character=49))), TIMEOUT)
    value = hover.contents.value if hover else ""
    check("**Test restoring the definitions every quarter**" in value, f"hover: {value}")
    check("| Nimbus | `RA` |" in value and "A Accountable" in value, f"hover: {value}")

    # 5. Formatting: the tables aligned, bold headers kept.
    edits = await asyncio.wait_for(client.text_document_formatting_async(lsp.DocumentFormattingParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri),
        options=lsp.FormattingOptions(tab_size=4, insert_spaces=True))), TIMEOUT)
    check(edits, "formatting changed nothing")
    formatted = apply_edits(text, edits)
    check("| Pick the region that hosts the brokers  | RA" in formatted, f"formatted:\n{formatted}")

    # 6. Fix all: every safe fix at once.
    actions = await asyncio.wait_for(client.text_document_code_action_async(lsp.CodeActionParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri),
        range=lsp.Range(start=lsp.Position(line=0, character=0), end=lsp.Position(line=0, character=0)),
        context=lsp.CodeActionContext(diagnostics=[], only=["source.fixAll.raci"]))), TIMEOUT)
    check(len(actions) == 1, f"fix-all: {[a.title for a in actions]}")
    text = apply_edits(text, actions[0].edit.changes[uri])
    check("| Decide which protocol version to enable | A | R |" in text, f"fix-all:\n{text}")

    await asyncio.wait_for(client.shutdown_async(None), TIMEOUT)
    client.exit(None)
    await client.stop()
    print("lsp client test: passed (open, edit, code action, hover, formatting, fix-all)")


if __name__ == "__main__":
    binary = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(__file__), "..", "target", "debug", "raci")
    asyncio.run(main(os.path.abspath(binary)))

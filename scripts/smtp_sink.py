"""An aiosmtpd handler for raci's mail tests: each message it takes is
written to a folder as one JSON file (envelope, decoded headers and both
bodies), and recipients at `bounce@…` are refused for good (550).

    python3 -m aiosmtpd -n -l 127.0.0.1:PORT -c smtp_sink.FolderHandler FOLDER

(with this folder on PYTHONPATH).
"""

import email
import email.policy
import itertools
import json
import os


class FolderHandler:
    def __init__(self, folder):
        self.folder = folder
        self.numbers = itertools.count(1)
        os.makedirs(folder, exist_ok=True)

    @classmethod
    def from_cli(cls, parser, *args):
        if len(args) != 1:
            parser.error("smtp_sink.FolderHandler takes one argument: the folder")
        return cls(args[0])

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower().startswith("bounce@"):
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        text = message.get_body(("plain",))
        html = message.get_body(("html",))

        def content(part):
            # Lines end in CRLF on the wire; the tests read them as text.
            return part.get_content().replace("\r\n", "\n") if part is not None else None

        record = {
            "mail_from": envelope.mail_from,
            "rcpt_to": list(envelope.rcpt_tos),
            "from": str(message["from"]),
            "to": str(message["to"]),
            "subject": str(message["subject"]),
            "message_id": str(message["message-id"]),
            "content_type": message.get_content_type(),
            "text": content(text),
            "html": content(html),
        }
        number = next(self.numbers)
        path = os.path.join(self.folder, f"{os.getpid()}-{number:05}.json")
        # Written whole, then renamed: a reader never sees half a message.
        with open(path + ".tmp", "w", encoding="utf-8") as out:
            json.dump(record, out, ensure_ascii=False, indent=1)
        os.replace(path + ".tmp", path)
        return "250 Message accepted"

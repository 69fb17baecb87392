# The e-mails of raci. $text is a duty's text (or an event's title),
# $service the service's name, $due a day written out, $edition an
# edition's number; $count selects a plural and $n is that count written
# in the locale.
mail-greeting = Hello { $name },
mail-signature = — raci, the shared-responsibility service
mail-footer = You get this mail because you chose to hear of your duties by mail. To get one digest a day, or no mail, change your preferences in raci.
mail-footer-digest = This is your daily digest: one mail a day for what concerned you the day before. To get each message as it comes, or no mail, change your preferences in raci.
mail-open-raci = Open raci
# An action and the page it is done on, in a text mail.
mail-action-link = { $action }: { $link }

# Owners mapped to a party column: the R of its duties.
mail-assigned-subject = You are responsible for { $count ->
    [one] one duty
   *[other] { $n } duties
} of { $service }
mail-assigned-lead = You are now the R owner — the one who does the work — of { $count ->
    [one] one duty
   *[other] { $n } duties
} of { $service }. “My work” lists them, overdue first.
mail-assigned-action = See my work

# An incident or change request routed to its R owner.
mail-routed-subject = New duty for you: { $text }
mail-routed-lead = An incident or change request on { $service } was routed to you: you are the R owner of the duty it opened.
mail-routed-action = Open the duty

mail-reopened-subject = Due again: { $text }
mail-reopened-lead = This recurring duty of { $service } reopened for a new cycle, and you are its R owner.
mail-reopened-action = Open the duty

mail-consultation-subject = Your opinion is asked: { $text }
mail-consultation-lead = You are consulted (C) on this duty of { $service } before it is closed: agree, or object and say why.
mail-consultation-action = Answer

mail-signoff-subject = Sign-off requested: { $text }
mail-signoff-lead = This duty of { $service } waits for your sign-off as its accountable (A) owner: approve it, or send it back with a reason.
mail-signoff-action = Sign off

mail-done-subject = Done: { $text }
mail-done-lead = This duty of { $service } is done. You are told because you are informed (I) of it.
mail-done-action = See the duty

mail-objection-subject = Objection: { $text }
mail-objection-lead = A consulted owner objected to this duty of { $service }: it is back with you, its R owner.
mail-objection-action = Open the duty

mail-sent-back-subject = Sent back: { $text }
mail-sent-back-lead = The accountable owner sent this duty of { $service } back to you with a reason.
mail-sent-back-action = Open the duty

mail-not-applicable-subject = Not applicable: { $text }
mail-not-applicable-lead = This duty of { $service } was marked not applicable: it waits on no one now.
mail-not-applicable-action = See the duty

mail-change-notice-subject = Edition { $edition } of { $service }: { $count ->
    [one] one duty changes
   *[other] { $n } duties change
}
mail-change-notice-lead = The provider published edition { $edition } of { $service }. See which duties move onto your organization or off it, then accept the notice.
mail-change-notice-action = Review the notice

mail-reminder-subject = Due on { $due }: { $text }
mail-reminder-lead = This duty of { $service } is due on { $due }, and you are its R owner.
mail-reminder-action = Open the duty

mail-overdue-subject = Overdue since { $due }: { $text }
mail-overdue-lead = This duty of { $service } was due on { $due } and is not done. You are told as its accountable (A) owner.
mail-overdue-action = Open the duty

mail-other-subject = News for you in raci
mail-other-lead = Something in raci concerns you.
mail-other-action = See my work

mail-digest-subject = { $count ->
    [one] One message
   *[other] { $n } messages
} for you in raci, { $date }
mail-digest-lead = What concerned you up to { $date }:

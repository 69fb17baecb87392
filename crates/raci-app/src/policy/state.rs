//! The duty state machine.

use raci_store::DutyState::{self, *};

/// Whether a duty may move from `from` to `to`.
///
/// Forward: `open → in_progress → awaiting_consultation → awaiting_signoff →
/// done`; a duty with no C party may go from `in_progress` straight to
/// `awaiting_signoff`. A duty without an A letter has no sign-off: its
/// submission (`in_progress`) or last agreement (`awaiting_consultation`)
/// ends at `done`. Back: an objection (`awaiting_consultation`) or a
/// refused sign-off (`awaiting_signoff`) sends it back to `in_progress`.
/// `not_applicable` is reachable from every state but `done`, and both are final.
pub fn transition_allowed(from: DutyState, to: DutyState) -> bool {
    matches!(
        (from, to),
        (Open, InProgress)
            | (InProgress, AwaitingConsultation)
            | (InProgress, AwaitingSignoff)
            | (AwaitingConsultation, AwaitingSignoff)
            | (AwaitingSignoff, Done)
            | (InProgress | AwaitingConsultation, Done)
            | (AwaitingConsultation, InProgress)
            | (AwaitingSignoff, InProgress)
            | (
                Open | InProgress | AwaitingConsultation | AwaitingSignoff,
                NotApplicable
            )
    )
}

/// Whether a duty has reached an end (done or not applicable).
pub fn is_final(state: DutyState) -> bool {
    matches!(state, Done | NotApplicable)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_chain_is_walkable_and_shortcuts_are_not() {
        let chain = [
            Open,
            InProgress,
            AwaitingConsultation,
            AwaitingSignoff,
            Done,
        ];
        for w in chain.windows(2) {
            assert!(transition_allowed(w[0], w[1]), "{:?} -> {:?}", w[0], w[1]);
        }
        assert!(!transition_allowed(Open, Done));
        assert!(!transition_allowed(Open, AwaitingSignoff));
        assert!(!transition_allowed(Done, Open));
        assert!(!transition_allowed(Done, NotApplicable));
        assert!(!transition_allowed(NotApplicable, Open));
        assert!(transition_allowed(AwaitingSignoff, NotApplicable));
        assert!(transition_allowed(InProgress, Done));
        assert!(transition_allowed(AwaitingConsultation, Done));
        assert!(!transition_allowed(Open, Open));
        assert!(is_final(Done) && is_final(NotApplicable) && !is_final(Open));
    }
}

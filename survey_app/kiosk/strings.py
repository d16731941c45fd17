"""The tablet's interface text. Both languages travel with the page, so a child can switch offline."""

from __future__ import annotations

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

UI_STRINGS = {
    "start": _l("Start"),
    "welcome": _l("Hello! We want to know what you think about your city."),
    "howOld": _l("How old are you?"),
    "assentTitle": _l("Before we start"),
    "agree": _l("Yes, I want to take part"),
    "notNow": _l("Not now"),
    "notNowThanks": _l("That's fine. Thank you! Please give the tablet back."),
    "practice": _l("Practice question: there is no right or wrong answer."),
    "practiceDone": _l("Well done! Now the real questions begin."),
    "back": _l("Back"),
    "next": _l("Next"),
    "skip": _l("Skip"),
    "stop": _l("Stop"),
    "listen": _l("Listen"),
    "listenButtons": _l("Hear the buttons"),
    "youCanTap": _l("You can tap: %(n)s"),
    "question": _l("Question %(n)s of %(total)s"),
    "chooseUpTo": _l("Choose up to %(n)s."),
    "rankTop": _l("Tap your top %(n)s in order."),
    "numberPlaceholder": _l("Type a number"),
    "checkAnswer": _l("Please check your answer."),
    "placeChoose": _l("Choose…"),
    "charactersLeft": _l("%(n)s characters left"),
    "stopTitle": _l("Do you want to stop?"),
    "stopSend": _l("Send what I answered"),
    "stopDiscard": _l("Stop without sending"),
    "stopContinue": _l("Keep going"),
    "doneTitle": _l("You have finished!"),
    "doneText": _l("Tap Send to give us your answers."),
    "send": _l("Send"),
    "sending": _l("Sending…"),
    "thanks": _l("Thank you! Your answers help make the city better for children."),
    "queued": _l("Thank you! Your answers are saved on this tablet and will be sent when the Wi-Fi is back."),
    "nextChild": _l("Next child"),
    "resetIn": _l("Ready for the next child in %(n)s seconds"),
    "idleTitle": _l("Are you still there?"),
    "idleText": _l("Tap anywhere to keep going. Otherwise the survey starts again in %(n)s seconds."),
    "helpTitle": _l("If you feel unsafe or worried"),
    "helpText": _l("You can talk to a teacher, a parent or another adult you trust. You can also call the free youth hotline 12355."),  # noqa: E501
    "release": _l("Facilitator"),
    "releaseTitle": _l("Release this tablet"),
    "releasePin": _l("Facilitator PIN"),
    "cancel": _l("Cancel"),
    "closed": _l("This session has closed. Thank you!"),
    "pending": _l("%(n)s answers waiting to be sent"),
    "closedTitle": _l("The survey has finished for now"),
    "closedText": _l("Thank you! Please give the tablet back to the adult in charge."),
    "releaseHold": _l("Facilitator: hold for 2 seconds"),
    "facilitatorTitle": _l("For the facilitator"),
    "checkPin": _l("Enter"),
    "wrongPin": _l("Wrong PIN."),
    "offline": _l("No connection to the server. Try again when the Wi-Fi is back."),
    "waiting": _l("%(n)s surveys are waiting on this tablet to be sent."),
    "waitingNone": _l("Every survey from this tablet has been sent."),
    "waitingClosed": _l("The session has closed, so the server is not taking them now. To get them in, extend the session on its page (Extend), then open this panel again and tap Lock again or Send now."),  # noqa: E501
    "lockAgain": _l("Lock again"),
    "waitingHeld": _l("The server could not accept %(n)s of them; they stay on this tablet. Tell the project team."),
    "sendNow": _l("Send now"),
    "releaseKeeps": _l("Surveys still waiting stay on this tablet and are sent once it is locked to this session again."),  # noqa: E501
}


def ui_strings(locale: str) -> dict[str, str]:
    """Every interface string in one locale."""
    with force_locale(locale):
        return {key: str(text) for key, text in UI_STRINGS.items()}

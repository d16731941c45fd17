"""`flask tallies check` proves the running tallies match the answers; `rebuild` repairs them."""

from sqlalchemy import select, text

from survey_app.extensions import db
from survey_app.fieldwork.models import AnswerTally
from survey_app.fieldwork.tallies import check_tallies, counted_from_answers


def _submit_some(make_session, kiosk_submit):
    session = make_session()
    for i in range(6):
        kiosk_submit(session, "B", {"S01": ["yes", "no"][i % 2], **({"O04": "多建公园"} if i % 3 == 0 else {})})
    return session


def test_intake_keeps_tallies_that_match_the_answers(app, make_session, kiosk_submit):
    _submit_some(make_session, kiosk_submit)
    result = app.test_cli_runner().invoke(args=["tallies", "check"])
    assert result.exit_code == 0 and "every tally matches" in result.output
    assert check_tallies() == []
    assert sum(n for n, _ in counted_from_answers().values()) == 6 + 2 + 6  # S01 answers, texts, responses


def test_check_names_every_drifted_row_and_rebuild_repairs_it(app, make_session, kiosk_submit):
    session = _submit_some(make_session, kiosk_submit)
    with db.engine.begin() as connection:
        connection.execute(text("UPDATE answer_tallies SET count = count + 1 WHERE value = 'yes'"))
        connection.execute(text("UPDATE answer_tallies SET key_sum = key_sum + 3 WHERE value = 'no'"))
        connection.execute(text("DELETE FROM answer_tallies WHERE value = '_text'"))
        connection.execute(text("INSERT INTO answer_tallies (session_id, band, item_code, value, count, key_sum) "
                                f"VALUES ({session.id}, 'B', 'S04', 'a', 2, 9)"))
    db.session.expire_all()
    runner = app.test_cli_runner()
    result = runner.invoke(args=["tallies", "check"])
    # four session tallies, and the four area tallies that no longer match their sums
    assert result.exit_code == 1 and "8 tally row(s) differ" in result.output
    assert "S01=yes" in result.output and "O04=_text" in result.output and "S04=a" in result.output

    result = runner.invoke(args=["tallies", "rebuild"])
    assert result.exit_code == 0 and "rebuilt 4 tally rows" in result.output
    db.session.expire_all()
    assert runner.invoke(args=["tallies", "check"]).exit_code == 0
    counts = {t.value: t.count for t in db.session.scalars(select(AnswerTally))}
    assert counts == {"yes": 3, "no": 3, "_text": 2, "_n": 6}


def test_a_tally_row_with_a_zero_count_is_not_a_difference(app, make_session, kiosk_submit):
    session = _submit_some(make_session, kiosk_submit)
    with db.engine.begin() as connection:
        connection.execute(text("INSERT INTO answer_tallies (session_id, band, item_code, value, count, key_sum) "
                                f"VALUES ({session.id}, 'B', 'S04', 'a', 0, 0)"))
    assert check_tallies() == []


def test_check_and_rebuild_on_an_empty_database(app):
    runner = app.test_cli_runner()
    assert runner.invoke(args=["tallies", "check"]).exit_code == 0
    result = runner.invoke(args=["tallies", "rebuild"])
    assert result.exit_code == 0 and "rebuilt 0 tally rows" in result.output


def test_a_response_stored_during_a_rebuild_is_counted_once(app, make_session, kiosk_submit):
    """PostgreSQL: the rebuild locks the tallies, so a survey arriving meanwhile waits and then adds one."""
    import threading
    import time

    import pytest

    from survey_app.fieldwork.tallies import rebuild_tallies

    if db.engine.dialect.name != "postgresql":
        pytest.skip("SQLite has one writer at a time: a rebuild and a submission cannot interleave")
    session = _submit_some(make_session, kiosk_submit)
    locked, problems = threading.Event(), []

    def rebuild():
        with app.app_context():
            try:
                rebuild_tallies()
                locked.set()
                time.sleep(0.5)  # the submission below arrives while the rebuild holds the lock
                db.session.commit()
            except Exception as error:  # reported below: a thread's exception would vanish
                problems.append(error)
                locked.set()

    worker = threading.Thread(target=rebuild)
    worker.start()
    assert locked.wait(10)
    kiosk_submit(session, "B", {"S01": "yes"})
    worker.join(10)
    assert not problems
    db.session.expire_all()
    assert check_tallies() == []
    assert {t.value: t.count for t in db.session.scalars(select(AnswerTally))}["yes"] == 4


def test_multiple_choice_and_rank_items_count_who_answered_at_all(app, make_session, kiosk_submit):
    session = make_session()
    kiosk_submit(session, "C", {"S07": ["crossing", "dark"], "O06": ["safety", "nature", "free_time"]})
    kiosk_submit(session, "C", {"S07": ["dark"]})
    kiosk_submit(session, "C", {"S07": "_pn"})  # "I don't want to answer" is not an answer to count
    counts = {(t.item_code, t.value): t.count for t in db.session.scalars(select(AnswerTally))}
    assert counts[("S07", "_answered")] == 2 and counts[("S07", "dark")] == 2
    assert counts[("O06", "_answered")] == 1
    assert check_tallies() == []  # the rebuild counts '_answered' exactly as intake does
    with db.engine.begin() as connection:
        connection.execute(text("DELETE FROM answer_tallies WHERE value = '_answered'"))
    db.session.expire_all()
    assert len(check_tallies()) == 4  # two session tallies missing, so two area tallies are off their sums
    app.test_cli_runner().invoke(args=["tallies", "rebuild"])
    db.session.expire_all()
    assert check_tallies() == []


def test_an_area_tally_that_drifted_is_named_and_rebuilt(app, make_session, kiosk_submit):
    from survey_app.fieldwork.models import AreaTally

    _submit_some(make_session, kiosk_submit)
    areas = {(t.area_code, t.value): t.count for t in db.session.scalars(select(AreaTally))}
    assert areas[("440304002016", "yes")] == 3 and areas[("440304002016", "_n")] == 6
    with db.engine.begin() as connection:
        connection.execute(text("UPDATE area_tallies SET count = count + 5 WHERE value = 'yes'"))
    runner = app.test_cli_runner()
    result = runner.invoke(args=["tallies", "check"])
    assert result.exit_code == 1 and "area 440304002016 band B S01=yes" in result.output
    assert runner.invoke(args=["tallies", "rebuild"]).exit_code == 0
    db.session.expire_all()
    assert check_tallies() == []


def test_background_answers_are_crossed_with_indicator_answers_and_checked(app, make_session, kiosk_submit):
    from survey_app.fieldwork.models import BreakdownTally

    session = make_session()
    kiosk_submit(session, "C", {"S01": "a", "S07": ["dark", "crossing"], "GENDER": "girl"})
    kiosk_submit(session, "C", {"S01": "d", "GENDER": "boy"})
    kiosk_submit(session, "C", {"S01": "d", "GENDER": "_pn"})  # no breakdown for "rather not say"
    counts = {(t.by_value, t.item_code, t.value): t.count for t in db.session.scalars(select(BreakdownTally))}
    assert counts == {("girl", "S01", "a"): 1, ("girl", "S07", "dark"): 1, ("girl", "S07", "crossing"): 1,
                      ("girl", "S07", "_answered"): 1, ("girl", "_responses", "_n"): 1,
                      ("boy", "S01", "d"): 1, ("boy", "_responses", "_n"): 1}
    assert check_tallies() == []
    with db.engine.begin() as connection:
        connection.execute(text("UPDATE breakdown_tallies SET count = count + 1 WHERE by_value = 'boy'"))
    db.session.expire_all()
    result = app.test_cli_runner().invoke(args=["tallies", "check"])
    assert result.exit_code == 1 and "by GENDER=boy S01=d" in result.output
    app.test_cli_runner().invoke(args=["tallies", "rebuild"])
    db.session.expire_all()
    assert check_tallies() == []

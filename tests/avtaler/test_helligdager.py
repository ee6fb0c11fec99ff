"""Working days and Norwegian public holidays: the arithmetic behind every avvik deadline."""

import datetime

from avtaler.helligdager import (
    dager_etter,
    er_helg_eller_helligdag,
    helligdagsnavn,
    neste_virkedag,
    virkedager_etter,
)

D = datetime.date
ONSDAG_FOR_PASKE_2027 = D(2027, 3, 24)


def test_easter_2027_comes_from_the_holidays_package():
    assert helligdagsnavn(D(2027, 3, 25)) == "Skjærtorsdag"
    assert helligdagsnavn(D(2027, 3, 26)) == "Langfredag"
    assert helligdagsnavn(D(2027, 3, 29)) == "Andre påskedag"
    assert helligdagsnavn(D(2027, 3, 30)) == ""


def test_working_days_skip_easter_and_the_weekend():
    # Thursday, Friday, Saturday, Sunday and Monday of Easter are no working days.
    assert virkedager_etter(ONSDAG_FOR_PASKE_2027, 1) == D(2027, 3, 30)
    assert virkedager_etter(ONSDAG_FOR_PASKE_2027, 3) == D(2027, 4, 1)
    assert virkedager_etter(D(2026, 11, 23), 5) == D(2026, 11, 30)  # an ordinary week


def test_a_deadline_in_calendar_days_never_ends_on_a_holiday_or_weekend():
    assert dager_etter(ONSDAG_FOR_PASKE_2027, 3) == D(2027, 3, 30)  # not Easter Saturday
    assert dager_etter(ONSDAG_FOR_PASKE_2027, 14) == D(2027, 4, 7)
    assert dager_etter(D(2027, 5, 3), 14) == D(2027, 5, 18)  # 17 May, then a Monday holiday


def test_the_next_working_day():
    assert neste_virkedag(D(2026, 12, 24)) == D(2026, 12, 24)  # Christmas Eve is a working day
    assert neste_virkedag(D(2026, 12, 25)) == D(2026, 12, 28)
    assert er_helg_eller_helligdag(D(2027, 5, 6))  # Ascension Day

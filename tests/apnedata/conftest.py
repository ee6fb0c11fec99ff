import pytest
from django.core.management import call_command


@pytest.fixture
def demo(db):
    """The demo data: agreements in two versions from 2019 on, a draft, meetings with approved
    and unapproved minutes, and a year of avvik between several parties."""
    call_command("demodata", stdout=None)

"""Tryout forms and sections: validated on load, parallel forms checked."""

import copy
from pathlib import Path

import pytest

from app.hiring.tryout.content import read_tryout
from app.hiring.tryout.schema import form_problems, parallel_problems, section_problems

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def shipped():
    forms, sections, problems = read_tryout(ROOT)
    assert not problems, [str(p) for p in problems]
    return forms, sections


def test_shipped_forms_are_parallel_and_apart_from_practice(shipped):
    forms, sections = shipped
    section = sections["contact-center-agent-tryout"]
    assert len(section.forms) >= 2 and set(section.forms) <= set(forms)
    a, b = (forms[f] for f in section.forms[:2])
    assert [c.channel for c in a.contacts] == [c.channel for c in b.contacts]
    assert {"phone", "chat", "email", "fax"} <= {c.channel for c in a.contacts}
    assert not {c.id for c in a.contacts} & {c.id for c in b.contacts}
    practice = {p.stem for p in (ROOT / "courses/practice/contacts").glob("*.yaml")}
    texts = {p.read_text() for p in (ROOT / "courses/practice/contacts").glob("*.yaml")}
    for form in forms.values():
        for contact in form.contacts:
            assert contact.id not in practice
            assert not any(contact.message[:60] in t for t in texts)


def _form_data(shipped):
    return shipped[0]["form-a"].model_dump(mode="json")


def test_bad_form_reports_field_and_message(shipped):
    data = _form_data(shipped)
    data["contacts"][0]["channel"] = "pigeon"
    form, problems = form_problems(data)
    assert form is None
    assert problems[0][0] == "contacts[0].channel"
    assert "phone" in problems[0][1]


def test_talking_contact_needs_a_valid_customer(shipped):
    data = _form_data(shipped)
    data["contacts"][0]["customer"] = None
    assert form_problems(data)[1] == [("contacts[0].customer",
                                       "a phone contact needs a talking customer")]
    data = _form_data(shipped)
    data["contacts"][0]["customer"]["conversation"]["start"] = "nowhere"
    fields = [f for f, _ in form_problems(data)[1]]
    assert any(f.startswith("contacts[0].customer.conversation") for f in fields)


def test_contacts_in_arrival_order(shipped):
    data = _form_data(shipped)
    data["contacts"][0]["at"], data["contacts"][1]["at"] = 50, 10
    assert ("contacts", "contacts must be listed in order of arrival (at)") in form_problems(
        data)[1]


def test_non_parallel_forms_are_refused(shipped):
    forms, sections = shipped
    section = sections["contact-center-agent-tryout"]
    data = forms["form-b"].model_dump(mode="json")
    data["contacts"][1]["at"] = 45
    other, problems = form_problems(data)
    assert not problems
    found = parallel_problems(section, forms | {"form-b": other})
    assert found and found[0][0] == "forms" and "not parallel" in found[0][1]
    data = forms["form-b"].model_dump(mode="json")
    data["contacts"][0]["handle_seconds"] = 200
    found = parallel_problems(section, forms | {"form-b": form_problems(data)[0]})
    assert found == [("forms.form-b.contacts[0].handle_seconds",
                      "differs by more than 10 % from 'form-a'")]


def test_section_limits(shipped):
    data = copy.deepcopy(shipped[1]["contact-center-agent-tryout"].model_dump(mode="json"))
    data["minutes"] = 12
    section, problems = section_problems(data)
    assert section is None and problems[0][0] == "minutes"
    data["minutes"] = 7
    data["forms"] = ["form-a", "nope"]
    section, problems = section_problems(data)
    assert parallel_problems(section, shipped[0]) == [("forms", "unknown tryout form 'nope'")]

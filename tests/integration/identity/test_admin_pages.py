"""Admin pages: creating an account from the form as rendered, paged lists."""

import re

from app.extensions import db
from app.identity import services
from app.identity.models import User


def _form_fields(html: str) -> set[str]:
    form = html[html.index('action="/admin/users"'):]
    form = form[:form.index("</form>")]
    return set(re.findall(r'name="([a-z_]+)"', form))


def test_create_account_form_has_every_field_and_creates_the_account(client, users, login_as):
    login_as(client, users["admin"])
    page = client.get("/admin/").get_data(as_text=True)
    assert {"name", "email", "roles", "team_id", "department", "password"} <= _form_fields(page)
    assert page.index("Create an account") < page.index("<table")
    response = client.post("/admin/users", data={
        "name": "New Person", "email": "new.person@example.test", "roles": ["employee"],
        "team_id": "0", "password": "long-enough-password",
    })
    assert response.status_code == 302
    created = db.session.query(User).filter_by(email="new.person@example.test").one()
    assert created.name == "New Person"


def test_a_refused_account_says_why(client, users, login_as):
    login_as(client, users["admin"])
    response = client.post("/admin/users", data={"name": "No Roles", "email": "x@example.test",
                                                 "team_id": "0"})
    body = response.get_data(as_text=True)
    assert response.status_code == 400 and "The account was not created: Roles:" in body


def test_users_list_pages_and_sorts_on_the_server(client, users, login_as):
    for i in range(55):
        services.create_user(f"zz{i:02d}@example.test", f"Zed {i:02d}", {"employee"})
    db.session.commit()
    login_as(client, users["admin"])
    first = client.get("/admin/").get_data(as_text=True)
    assert "Page 1 of 2" in first and 'rel="next"' in first
    second = client.get("/admin/?page=2").get_data(as_text=True)
    assert "Page 2 of 2" in second and "Zed 54" in second and "Zed 54" not in first
    by_email_desc = client.get("/admin/?sort=email&dir=desc").get_data(as_text=True)
    assert 'aria-sort="descending"' in by_email_desc and "zz54@example.test" in by_email_desc
    assert by_email_desc.index("zz54@") < by_email_desc.index("zz53@")


def test_audit_trail_pages_instead_of_cutting_at_300(client, users, login_as):
    from app.audit import AuditEvent

    db.session.add_all(AuditEvent(user_id=None, action="view", subject=f"thing {i}", path="/x")
                       for i in range(230))
    db.session.commit()
    login_as(client, users["admin"])
    page = client.get("/admin/audit").get_data(as_text=True)
    assert "Page 1 of 3" in page and "events, newest first" in page
    last = client.get("/admin/audit?page=3").get_data(as_text=True)
    assert "Page 3 of 3" in last

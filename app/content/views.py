from collections import Counter

from flask import render_template

from app.content import bp
from app.content.models import select_documents
from app.extensions import db
from app.security import require_role


@bp.get("/")
@require_role("author", "admin")
def index():
    documents = db.session.scalars(select_documents(include_deleted=True)).all()
    counts = Counter(d.kind for d in documents if d.deleted_at is None)
    return render_template("content/index.html", documents=documents, counts=counts)

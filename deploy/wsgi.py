"""The WSGI entry point for gunicorn: `gunicorn -c deploy/gunicorn.conf.py deploy.wsgi:app`.

Behind a load balancer set TRUSTED_PROXIES to the number of proxies in front of the app
(usually 1): create_app then takes the client IP and scheme from the X-Forwarded-*
headers those proxies add, and from nothing else. With the default 0 they are ignored.
"""

import os

from app import create_app

app = create_app(os.environ.get("APP_ENV", "production"))

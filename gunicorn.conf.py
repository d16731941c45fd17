"""gunicorn settings. Access logs leave out client addresses: children's requests must not be traceable."""

import multiprocessing
import os

bind = os.environ.get("SURVEY_BIND", "127.0.0.1:5000")
workers = int(os.environ.get("SURVEY_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("SURVEY_THREADS", 1))
timeout = 30
accesslog = "-"
errorlog = "-"
# No %(h)s (client address), no user agent, no referrer: only what was asked and how it went.
access_log_format = '"%(m)s %(U)s" %(s)s %(B)s %(M)sms'
forwarded_allow_ips = os.environ.get("SURVEY_FORWARDED_ALLOW_IPS", "127.0.0.1")
# Several app servers (or a benchmark's two) on one host must not fight over one control socket.
control_socket_disable = True

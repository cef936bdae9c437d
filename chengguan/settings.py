"""Settings come from the environment (see API.md "Start"); nothing here is a secret.

Local legal numbers (LEGAL-RULES.md, trust "local") live in ``LOCAL_RULES`` so a bureau can change them
without touching code; code reads them through ``chengguan.core.rules.local()``.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from urllib.parse import unquote, urlparse

BASE_DIR = Path(__file__).resolve().parent
HOME = Path(os.environ.get("CHENGGUAN_HOME", "var")).resolve()
HOME.mkdir(parents=True, exist_ok=True)


def _env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _generated_secret(env_name: str, filename: str, nbytes: int) -> str:
    """Read a secret from the environment, else from HOME, generating it there on first run."""
    value = os.environ.get(env_name)
    if value:
        return value
    path = HOME / filename
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_urlsafe(nbytes))
    return path.read_text().strip()


def _database(url: str | None) -> dict[str, object]:
    if not url:
        return {
            "ENGINE": "chengguan.core.db.sqlite3",
            "NAME": HOME / "chengguan.sqlite3",
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
                ),
            },
            # Opening a SQLite file costs more than a request (PRAGMAs, and a WAL checkpoint on
            # close): each worker keeps its connection, as on PostgreSQL.
            "CONN_MAX_AGE": None,
            "TEST": {"NAME": os.environ.get("CHENGGUAN_TEST_SQLITE") or None},
        }
    parsed = urlparse(url)
    if parsed.scheme in {"sqlite", "sqlite3"}:
        db = _database(None)
        db["NAME"] = unquote(parsed.path)
        return db
    if parsed.scheme in {"postgres", "postgresql", "pgsql"}:
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parsed.path.lstrip("/")) or "chengguan",
            "USER": unquote(parsed.username or ""),
            "PASSWORD": unquote(parsed.password or ""),
            "HOST": parsed.hostname or "",
            "PORT": str(parsed.port or ""),
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
        }
    raise ValueError(f"DATABASE_URL 的协议不受支持：{parsed.scheme}")


DEBUG = _env_bool("CHENGGUAN_DEBUG")
SECRET_KEY = _generated_secret("CHENGGUAN_SECRET_KEY", "secret_key", 48)
# Kept apart from SECRET_KEY so rotating one never makes stored personal data unreadable.
PII_KEY = _generated_secret("CHENGGUAN_PII_KEY", "pii_key", 32)
# --- record (issue 12: the ledger under attack, data at rest) ---
# The key of the ledger's HMAC chain, its checkpoints and backup signatures: outside the database,
# so someone who can write the database still cannot rewrite the record unnoticed.
LEDGER_KEY = _generated_secret("CHENGGUAN_LEDGER_KEY", "ledger_key", 32)
# Signed ledger checkpoints (append-only JSON lines), exported outside the database.
LEDGER_CHECKPOINT_DIR = Path(
    os.environ.get("CHENGGUAN_LEDGER_CHECKPOINTS") or HOME / "checkpoints"
).resolve()
# Idempotent replies are kept this long, then purged (seconds); a request still "in progress"
# after the lease (a worker killed mid-request) is taken over by the next retry.
IDEMPOTENCY_TTL_SECONDS = int(os.environ.get("CHENGGUAN_IDEMPOTENCY_TTL", str(24 * 3600)))
IDEMPOTENCY_LEASE_SECONDS = int(os.environ.get("CHENGGUAN_IDEMPOTENCY_LEASE", "120"))
# --- end record ---
# --- auth ---
# Never "*": a forged Host header must not end up in links (issue 12 item 4).
ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("CHENGGUAN_ALLOWED_HOSTS", "localhost,127.0.0.1").split(",")
    if h.strip()
]
# --- end auth ---
CSRF_TRUSTED_ORIGINS = [
    o for o in os.environ.get("CHENGGUAN_CSRF_TRUSTED_ORIGINS", "").split(",") if o
]

INSTALLED_APPS = [
    # First, so that its admin/base_site.html (the calendar banner) overrides Django's.
    "chengguan.core",
    # The bureau-scoped admin site (decision 071) in place of Django's default one.
    "chengguan.org.admin_apps.BureauAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "chengguan.web.staticfiles.ChengguanStaticFilesConfig",
    "django.contrib.humanize",
    "chengguan.ledger",
    "chengguan.org",
    # The in-app inbox (decision 075): below the workflows that send to it.
    "chengguan.inbox",
    "chengguan.law",
    "chengguan.citycases",
    "chengguan.penalties",
    # --- measures ---
    "chengguan.measures",
    # --- end measures ---
    # --- helper:execution ---
    "chengguan.execution",
    # --- /helper:execution ---
    # --- helper:inspections ---
    "chengguan.inspections",
    # --- /helper:inspections ---
    # --- helper:permits ---
    "chengguan.permits",
    "chengguan.suggestions",
    # --- /helper:permits ---
    "chengguan.guidance",  # --- helper:service ---
    "chengguan.documents",
    "chengguan.oversight",
    "chengguan.disclosure",
    "chengguan.governance",
    "chengguan.reports",
    # The provincial data exchange (decision 094): reads the workflows and the report figures.
    "chengguan.exchange",
    # --- helper:province --- reads across the bureaus below a province or city body (decision 085)
    "chengguan.province",
    # --- /helper:province ---
    "chengguan.api",
    "chengguan.web",
    # The periodic jobs and their huey worker (decision 075).
    "huey.contrib.djhuey",
    "chengguan.jobs",
    "chengguan.portal",
    "chengguan.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Control characters, lone surrogates, over-long texts, absurd numbers: 400 before any view.
    "chengguan.core.security.input_guard.InputGuardMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Reports and dashboards read the business tables from the replica, when there is one.
    "chengguan.core.db.replica.ReplicaReadsMiddleware",
    # Idle and absolute session limits, a due password change, the CSP header (decision 072).
    "chengguan.web.session_policy.SessionPolicyMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "chengguan.api.idempotency.IdempotencyMiddleware",
    "chengguan.api.middleware.ApiEnvelopeMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "chengguan.urls"
WSGI_APPLICATION = "chengguan.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "chengguan.core.context.calendar_notice",
            ],
        },
    },
]

DATABASES = {"default": _database(os.environ.get("DATABASE_URL"))}
# A PostgreSQL streaming replica for reports and dashboards (decision 096, core/db/replica.py).
# In tests it mirrors the default database, as Django's test runner does for replicas.
_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "")
if _REPLICA_URL:
    DATABASES["replica"] = {**_database(_REPLICA_URL), "TEST": {"MIRROR": "default"}}
DATABASE_ROUTERS = ["chengguan.core.db.replica.ReplicaRouter"]
REPLICA_PATHS = [
    p
    for p in os.environ.get(
        "CHENGGUAN_REPLICA_PATHS",
        "/dashboard/,/reports/,/province/,/api/v1/stats/,/api/v1/reports/,/api/v1/province/",
    ).split(",")
    if p
]
# Further behind than this (WAL bytes not yet replayed), the primary answers instead.
REPLICA_MAX_LAG_BYTES = int(
    os.environ.get("CHENGGUAN_REPLICA_MAX_LAG_BYTES", str(16 * 1024 * 1024))
)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "org.Staff"
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/accounts/login/"

# --- passwords and sessions (GB/T 22239 level 3, decision 072) ---
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": int(os.environ.get("CHENGGUAN_PASSWORD_MIN_LENGTH", "8"))},
    },
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {
        "NAME": "chengguan.org.passwords.CharacterClassesValidator",
        "OPTIONS": {"min_classes": int(os.environ.get("CHENGGUAN_PASSWORD_CLASSES", "3"))},
    },
    {
        "NAME": "chengguan.org.passwords.PasswordHistoryValidator",
        "OPTIONS": {"history": int(os.environ.get("CHENGGUAN_PASSWORD_HISTORY", "5"))},
    },
]
# Days a password is good for (0: no expiry); then the holder must change it at the next login.
PASSWORD_MAX_AGE_DAYS = int(os.environ.get("CHENGGUAN_PASSWORD_MAX_AGE_DAYS", "90"))
# Demo mode (`make run`): the demo accounts keep the shared demo password. Outside it, every
# demo account must change its password at the first login.
DEMO_MODE = _env_bool("CHENGGUAN_DEMO_MODE")
# A session ends after this many seconds without a request, and in any case this long after the
# login (SESSION_COOKIE_AGE is the absolute limit).
SESSION_IDLE_SECONDS = int(os.environ.get("CHENGGUAN_SESSION_IDLE_SECONDS", str(30 * 60)))
SESSION_COOKIE_AGE = int(os.environ.get("CHENGGUAN_SESSION_MAX_SECONDS", str(8 * 3600)))
# --- end passwords and sessions ---
if os.environ.get("CHENGGUAN_FAST_HASHER"):
    # Test runs only: PBKDF2 at full strength would dominate the suite's time.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = HOME / "static"
STATIC_ROOT.mkdir(exist_ok=True)
# Only the distribution folders of the npm packages the pages load (package.json), under their
# package paths, e.g. {% static 'leaflet/dist/leaflet.js' %}.
NODE_MODULES = BASE_DIR.parent / "node_modules"
# An installed wheel has no node_modules: `make wheel` copies the same folders into
# chengguan/vendor/ (web/assets.py), which the wheel carries (decision 095).
VENDOR_DIR = BASE_DIR / "vendor"
_ASSETS_ROOT = NODE_MODULES if (NODE_MODULES / "leaflet" / "dist").is_dir() else VENDOR_DIR
STATICFILES_DIRS = [
    (prefix, _ASSETS_ROOT / prefix)
    for prefix in ("htmx.org/dist", "leaflet/dist", "echarts/dist")
    if (_ASSETS_ROOT / prefix).is_dir()
]
# Map tiles for Leaflet (e.g. a tianditu or self-hosted XYZ URL); empty draws grids on a plain
# background, so nothing is fetched from outside unless the bureau sets one.
MAP_TILE_URL = os.environ.get("CHENGGUAN_MAP_TILE_URL", "")
MAP_TILE_ATTRIBUTION = os.environ.get("CHENGGUAN_MAP_TILE_ATTRIBUTION", "")
# --- helper:documents --- where the public portal is reached from outside (the 检查通知书's QR code
# and printed address, decision 081); from the setting, never from a request's Host header.
PORTAL_BASE_URL = os.environ.get("CHENGGUAN_PORTAL_BASE_URL", "http://localhost:8000")
# --- /helper:documents ---
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# collectstatic fills STATIC_ROOT for serving; scanning every finder at start-up (thousands of npm
# files) is only worth it while developing.
WHITENOISE_USE_FINDERS = DEBUG
# Static file names carry no content hash (templates name them plainly), so a day rather than a
# year: long enough that a case page loads its scripts from cache, short enough for an upgrade.
WHITENOISE_MAX_AGE = int(os.environ.get("CHENGGUAN_STATIC_MAX_AGE", "86400"))
MEDIA_ROOT = HOME / "media"
BLOB_ROOT = HOME / "blobs"
MAX_UPLOAD_BYTES = int(os.environ.get("CHENGGUAN_MAX_UPLOAD_BYTES", str(50 * 1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = MAX_UPLOAD_BYTES
# The longest text any field takes (core/security/input_guard.py): a 文书's facts run to a few
# thousand characters, a hearing transcript some ten thousand; 50,000 stops a 10 MB "description".
MAX_TEXT_CHARS = int(os.environ.get("CHENGGUAN_MAX_TEXT_CHARS", "50000"))

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
# --- transport security (decision 072; docs/production.md "Production profile") ---
# Behind TLS set CHENGGUAN_HTTPS=1: secure cookies, HTTPS redirect, HSTS (a year by default).
HTTPS = _env_bool("CHENGGUAN_HTTPS")
SESSION_COOKIE_SECURE = _env_bool("CHENGGUAN_SECURE_COOKIES", HTTPS)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = _env_bool("CHENGGUAN_SSL_REDIRECT", HTTPS)
SECURE_HSTS_SECONDS = int(os.environ.get("CHENGGUAN_HSTS_SECONDS", "31536000" if HTTPS else "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = _env_bool("CHENGGUAN_HSTS_SUBDOMAINS", HTTPS)
SECURE_HSTS_PRELOAD = _env_bool("CHENGGUAN_HSTS_PRELOAD")
# The TLS-terminating proxy's header, e.g. "HTTP_X_FORWARDED_PROTO=https".
_proxy = os.environ.get("CHENGGUAN_PROXY_SSL_HEADER", "")
SECURE_PROXY_SSL_HEADER = tuple(_proxy.split("=", 1)) if "=" in _proxy else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = os.environ.get("CHENGGUAN_REFERRER_POLICY", "same-origin")
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy sent on every response (core.http.SecurityHeadersMiddleware); empty
# sends none. The pages load scripts and styles from this origin only.
CONTENT_SECURITY_POLICY = os.environ.get(
    "CHENGGUAN_CSP",
    "default-src 'self'; img-src 'self' data: blob: https:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'self'; "
    "frame-ancestors 'none'; form-action 'self'",
)
# --- end transport security ---

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("CHENGGUAN_LOG_LEVEL", "WARNING")},
}

# --- jobs (decision 075) ---
# The huey queue of `chengguan worker`: a SQLite file under HOME by default (nothing to run
# besides the worker), Redis in production (CHENGGUAN_REDIS_URL, e.g. redis://127.0.0.1:6379/0).
_REDIS_URL = os.environ.get("CHENGGUAN_REDIS_URL", "")
HUEY: dict[str, object] = {
    "name": "chengguan",
    "immediate": False,
    "consumer": {"workers": 1, "periodic": True, "check_worker_health": True},
    **(
        {"huey_class": "huey.RedisHuey", "url": _REDIS_URL}
        if _REDIS_URL
        else {"huey_class": "huey.SqliteHuey", "filename": str(HOME / "jobs.sqlite3")}
    ),
}
# --- end jobs ---

# API tokens and the failed-login throttle (API.md "Conventions").
API_TOKEN_TTL_HOURS = int(os.environ.get("CHENGGUAN_TOKEN_TTL_HOURS", "12"))
LOGIN_THROTTLE_FAILURES = int(os.environ.get("CHENGGUAN_LOGIN_THROTTLE_FAILURES", "5"))
LOGIN_THROTTLE_WINDOW_SECONDS = int(os.environ.get("CHENGGUAN_LOGIN_THROTTLE_WINDOW", "300"))
# --- auth ---
# The same window also limits failures per client address (all usernames together).
LOGIN_THROTTLE_IP_FAILURES = int(os.environ.get("CHENGGUAN_LOGIN_THROTTLE_IP_FAILURES", "20"))
# Public intake (portal form, Open311 POST): reports per client address per window (issue #12).
PUBLIC_INTAKE_LIMIT = int(os.environ.get("CHENGGUAN_PUBLIC_INTAKE_LIMIT", "20"))
PUBLIC_INTAKE_WINDOW_SECONDS = int(os.environ.get("CHENGGUAN_PUBLIC_INTAKE_WINDOW", "600"))
# --- helper:security ---
# TOTP second factor (decision 079): optional per person; with CHENGGUAN_TOTP_ADMINS=1 the
# 系统/安全/审计管理员 must enrol before anything else. Failed codes per username per login window.
TOTP_REQUIRED_FOR_ADMINS = _env_bool("CHENGGUAN_TOTP_ADMINS")
TOTP_FAILURES = int(os.environ.get("CHENGGUAN_TOTP_FAILURES", "5"))
TOTP_ISSUER = os.environ.get("CHENGGUAN_TOTP_ISSUER", "城管依法行政平台")
# --- /helper:security ---
# --- end auth ---

# LEGAL-RULES.md, trust "local": every number a bureau may set differently. Read through
# chengguan.core.rules.local(name); never copy one of these into code as a literal.
LOCAL_RULES: dict[str, object] = {
    # Reminders (decision 075): how far ahead a deadline is announced in the inbox.
    "reminder_lead_hours_citycase": 4,
    "reminder_lead_days_penalty": 2,
    # XF-59/XF-67: what decisions print as the 行政复议机关, the court for 行政诉讼 and where fines are
    # paid, by bureau code ("*" = any bureau); "{county}" is the bureau's name before "城市管理".
    "document_bodies": {
        "*": {
            "reconsideration": "{county}人民政府",
            "court": "{county}人民法院",
            "payment_place": "{county}罚没款代收银行网点或非税收入电子缴款平台",
        },
    },
    # SC-6: the working hours of a day, used by every 数字城管 time limit in 工作时.
    "work_hours": [("08:30", "12:00"), ("14:30", "18:00")],
    # XF-54: 立案 within this many working days of discovery.
    "registration_workdays": 7,
    # XF-52: an on-the-spot decision is filed (备案) with the bureau within this many working days.
    "onsite_filing_workdays": 2,
    # XF-63: 较大数额 fines, in yuan, at or above which the party has a right to a hearing.
    "hearing_threshold_person": 10000,
    "hearing_threshold_organisation": 100000,
    # XF-44/XF-62: the party states and defends within this many working days of notice.
    "statement_workdays": 3,
    # SC-6: how many extensions (延期) one city case may get.
    "max_extensions": 2,
    # GS-2: how personal data is masked in public disclosure.
    "mask_person_name": True,
    # GS-2: the rest of the masking policy: the ID number is always masked (birth date hidden);
    # addresses are never published; these say what else is hidden.
    "disclosure_mask_legal_representative": False,
    # GS-2: months a published penalty decision stays public (公示截止期), counted from publication.
    "disclosure_months": 12,
    # SZ-3: which procedures' penalty decisions are published (简易程序 is usually exempt).
    "disclosure_procedures": ["general"],
    # §9 案卷评查: points for form and content, and the grade thresholds on the total.
    "file_review_form_points": 20,
    "file_review_content_points": 80,
    "file_review_grades": {"excellent": 90, "good": 80, "pass": 60},
    # 执法投诉: calendar days to reply to a complaint about enforcement (信访工作条例 practice).
    "enforcement_complaint_days": 60,
    # RX-2: 12345/信访 deadlines in working days, by source.
    "hotline_reply_workdays": {
        "hotline": 5,
        "petition": 15,
        "letter_visit": 15,
        "efficiency_complaint": 5,
    },
    # SC-5/RX-2: a report of the same category within this distance (metres) and this many calendar
    # hours of an open case is suggested as its duplicate (重复诉求).
    "duplicate_radius_m": 50,
    "duplicate_window_hours": 72,
    # 数字城管: dispatch a filed case at once to the unit the routing table proposes.
    "citycase_auto_dispatch": False,
    # SC-6: the longest single extension (延期) of a city case, in working hours.
    "max_extension_hours": 40,
    # machine (issue #11) -------------------------------------------------------------------------
    # ZL-1: the period (calendar days) a 责令限期改正 may give, per power item code ("default" for
    # the others); the order carries the concrete date, and the 复查 comes after it.
    "correction_days": {"default": 7},
    # end machine
    # --- hearing ---
    # XF-63: the penalty types that always carry the right to a hearing. 没收 carries it only at or
    # above the 较大价值 thresholds below; 暂扣许可证件 and "other heavy penalties" are a bureau's choice.
    "hearing_penalty_types": [
        "lower_qualification",
        "revoke_permit",
        "suspend_business",
        "close_down",
        "restrict_practice",
        "restrict_business",
    ],
    # XF-63: 较大价值 confiscation (yuan, value of the income or property confiscated).
    "hearing_confiscation_threshold_person": 10000,
    "hearing_confiscation_threshold_organisation": 100000,
    # CL-6: a collective discussion approving a departure from the benchmark has at least this many
    # participants holding the head role.
    "deviation_discussion_heads": 3,
    # XF-60: one extension of the 90-day period is at most this many calendar days, and at most this
    # many extensions are approved by the head alone (more need a collective discussion).
    "penalty_extension_days": 30,
    "penalty_extensions_max": 1,
    # --- end hearing ---
    # --- helper:inspections ---
    # JC-2: working days after the start within which a complaint/referral/risk inspection gets
    # the head's approval.
    "inspection_late_approval_wd": 1,
    # JC-4: inspections of one enterprise per year outside complaint-driven ones (an item's own
    # yearly_cap overrides it for that item).
    "inspection_yearly_cap": 2,
    # JC-5: days after the planned day the code may still be scanned unflagged (0 = within the day).
    "inspection_scan_days": 0,
    # --- /helper:inspections ---
    # --- helper:execution ---
    # TM-2: a recorded date more than this many working days before the day it is entered is a
    # 补记: it needs a reason and the head's approval.
    "backdate_working_days": 3,
    # --- /helper:execution ---
    # --- helper:execution --- (issue #11, §10.7, decision 078)
    # QZ-13: the kinds of compulsory execution a law gives the bureau itself, by bureau code ("*" =
    # any bureau): {"demolition" | "removal" | "fine": "the legal source, as printed on the
    # decision"}. Default none: 行政强制法第十三条 — without a law, the bureau applies to the court
    # (申请人民法院强制执行, QZ-53). E.g. {"demo": {"demolition": "《中华人民共和国城乡规划法》第六十八条
    # 及县人民政府责成强制拆除的决定"}}.
    "bureau_execution_powers": {},
    # XF-29.2: a second case of the same party and power item whose act date is within this many
    # days of a decided one needs the legal reviewer's confirmation that it is a separate act.
    "separate_act_window_days": 30,
    # --- /helper:execution ---
    # --- helper:permits ---
    # JY-1: 人大代表建议/政协委员提案 are replied within this many months of assignment, and an
    # unsatisfied reply is redone within this many months of the delegate's answer.
    "suggestion_reply_months": 3,
    "suggestion_redo_months": 1,
    # --- /helper:permits ---
    # --- helper:permits2 ---
    # Permits whose validity ends within this many days are listed as 即将到期 and their handling
    # unit is told once in the inbox (permit-expiry job).
    "permit_expiry_reminder_days": 30,
    # --- /helper:permits2 ---
    # --- helper:due3 ---
    # XF-69: the bureau's units (OrgUnit codes: towns/teams of remote, water or poorly connected
    # areas) whose cases may, on the party's request, collect a fine on the spot where paying at the
    # bank is truly difficult. Default none (LEGAL-RULES §10.5).
    "on_spot_remote_units": [],
    # --- /helper:due3 ---
    # --- helper:inspections2 ---
    # JC-4: days within which a second inspection of the same object and item is refused (unless
    # complaint-driven).
    "inspection_repeat_window_days": 30,
    # SJ-2: working days after the draw within which its result is published on the portal.
    "inspection_publish_wd": 20,
    # --- /helper:inspections2 ---
}
# --- helper:permits ---
# 一网通办 status messages (decision 074): "file" writes JSON lines under CHENGGUAN_HOME/ywtb/,
# "http" POSTs each message to CHENGGUAN_YWTB_URL, retried with exponential backoff.
YWTB_TRANSPORT = os.environ.get("CHENGGUAN_YWTB_TRANSPORT", "file")
YWTB_URL = os.environ.get("CHENGGUAN_YWTB_URL", "")
YWTB_RETRIES = int(os.environ.get("CHENGGUAN_YWTB_RETRIES", "3"))
YWTB_BACKOFF = float(os.environ.get("CHENGGUAN_YWTB_BACKOFF", "0.5"))
YWTB_TIMEOUT = float(os.environ.get("CHENGGUAN_YWTB_TIMEOUT", "10"))
# --- /helper:permits ---
# The provincial data exchange (decision 094): "off" (default: nothing is queued or sent),
# "file" (JSON lines under CHENGGUAN_HOME/exchange/) or "http" (POST to the platform's URL).
EXCHANGE_TRANSPORT = os.environ.get("CHENGGUAN_PROVINCE_EXCHANGE_TRANSPORT", "off")
EXCHANGE_URL = os.environ.get("CHENGGUAN_PROVINCE_EXCHANGE_URL", "")
EXCHANGE_RETRIES = int(os.environ.get("CHENGGUAN_PROVINCE_EXCHANGE_RETRIES", "3"))
EXCHANGE_BACKOFF = float(os.environ.get("CHENGGUAN_PROVINCE_EXCHANGE_BACKOFF", "0.5"))
EXCHANGE_TIMEOUT = float(os.environ.get("CHENGGUAN_PROVINCE_EXCHANGE_TIMEOUT", "10"))
_local_overrides = os.environ.get("CHENGGUAN_LOCAL_RULES_FILE")
if _local_overrides:
    import json as _json

    LOCAL_RULES.update(_json.loads(Path(_local_overrides).read_text(encoding="utf-8")))

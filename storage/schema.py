"""Schema migrations, in order. Each is a list of statements applied in one transaction.

Never edit a migration that has shipped: add a new one.
"""

_V1 = [
    """CREATE TABLE feeds (
        id INTEGER PRIMARY KEY,
        url TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        interval_s INTEGER NOT NULL,
        active INTEGER NOT NULL DEFAULT 1,
        etag TEXT,
        last_modified TEXT,
        next_poll_at TEXT NOT NULL DEFAULT '',
        last_polled_at TEXT,
        error_count INTEGER NOT NULL DEFAULT 0,
        last_error TEXT
    )""",
    """CREATE TABLE articles (
        id INTEGER PRIMARY KEY,
        feed_id INTEGER REFERENCES feeds(id),
        guid TEXT,
        link TEXT,
        content_hash TEXT NOT NULL,
        title TEXT NOT NULL,
        text TEXT NOT NULL,
        published TEXT,
        fetched_at TEXT NOT NULL,
        is_incident INTEGER NOT NULL DEFAULT 0
    )""",
    "CREATE UNIQUE INDEX articles_feed_guid ON articles(feed_id, guid) WHERE guid IS NOT NULL",
    "CREATE INDEX articles_link ON articles(link)",
    "CREATE INDEX articles_content_hash ON articles(content_hash)",
    """CREATE TABLE incidents (
        id INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id),
        event_type TEXT NOT NULL,
        sub_event_type TEXT NOT NULL,
        event_date TEXT,
        time_precision INTEGER NOT NULL DEFAULT 3,
        sort_date TEXT NOT NULL,
        town TEXT,
        town_key TEXT,
        admin1 TEXT,
        admin2 TEXT,
        admin3 TEXT,
        location TEXT,
        latitude REAL,
        longitude REAL,
        geo_precision INTEGER,
        killed INTEGER,
        injured INTEGER,
        main INTEGER NOT NULL DEFAULT 0,
        evidence TEXT,
        created_at TEXT NOT NULL
    )""",
    "CREATE INDEX incidents_town_date ON incidents(town_key, sort_date)",
    "CREATE INDEX incidents_sort_date ON incidents(sort_date)",
    """CREATE TABLE incident_actors (
        incident_id INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        actor_key TEXT NOT NULL,
        name TEXT NOT NULL,
        acled_type TEXT,
        inter INTEGER,
        role TEXT NOT NULL DEFAULT 'party',
        PRIMARY KEY (incident_id, position)
    )""",
    "CREATE INDEX incident_actors_key ON incident_actors(actor_key, incident_id)",
    """CREATE TABLE chats (
        id INTEGER PRIMARY KEY,
        type TEXT NOT NULL DEFAULT 'private',
        title TEXT,
        language TEXT,
        created_at TEXT NOT NULL
    )""",
    """CREATE TABLE subscriptions (
        id INTEGER PRIMARY KEY,
        chat_id INTEGER NOT NULL REFERENCES chats(id),
        kind TEXT NOT NULL CHECK (kind IN ('town', 'actor', 'type')),
        value_key TEXT NOT NULL,
        label TEXT NOT NULL,
        active INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        UNIQUE (chat_id, kind, value_key)
    )""",
    "CREATE INDEX subscriptions_match ON subscriptions(kind, value_key, chat_id) WHERE active = 1",
    """CREATE TABLE alerts (
        id INTEGER PRIMARY KEY,
        incident_id INTEGER NOT NULL REFERENCES incidents(id),
        chat_id INTEGER NOT NULL REFERENCES chats(id),
        status TEXT NOT NULL DEFAULT 'pending'
            CHECK (status IN ('pending', 'sending', 'sent', 'dead')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT NOT NULL,
        ambiguous INTEGER NOT NULL DEFAULT 0,
        message_id INTEGER,
        last_error TEXT,
        created_at TEXT NOT NULL,
        sent_at TEXT,
        UNIQUE (incident_id, chat_id)
    )""",
    "CREATE INDEX alerts_due ON alerts(status, next_attempt_at)",
]

MIGRATIONS: list[list[str]] = [_V1]

# v2: one incident from many outlets (sources, revisions), queries at scale (composite indexes,
# dates on actor rows), full-text search over normalised article text, opaque callback keys.
_V2 = [
    "ALTER TABLE articles ADD COLUMN outlet TEXT",
    "ALTER TABLE incidents ADD COLUMN source_count INTEGER NOT NULL DEFAULT 1",
    "ALTER TABLE incidents ADD COLUMN revision INTEGER NOT NULL DEFAULT 1",
    "ALTER TABLE incidents ADD COLUMN updated_at TEXT",
    """CREATE TABLE incident_sources (
        incident_id INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
        article_id INTEGER NOT NULL REFERENCES articles(id),
        event_type TEXT NOT NULL,
        sub_event_type TEXT NOT NULL,
        event_date TEXT,
        killed INTEGER,
        injured INTEGER,
        evidence TEXT,
        added_at TEXT NOT NULL,
        PRIMARY KEY (incident_id, article_id)
    )""",
    "CREATE INDEX incident_sources_article ON incident_sources(article_id)",
    """INSERT INTO incident_sources (incident_id, article_id, event_type, sub_event_type, event_date,
        killed, injured, evidence, added_at)
       SELECT id, article_id, event_type, sub_event_type, event_date, killed, injured, evidence, created_at
       FROM incidents""",
    """CREATE TABLE incident_revisions (
        id INTEGER PRIMARY KEY,
        incident_id INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
        revision INTEGER NOT NULL,
        article_id INTEGER REFERENCES articles(id),
        changes TEXT NOT NULL,
        changed_at TEXT NOT NULL
    )""",
    "CREATE INDEX incident_revisions_incident ON incident_revisions(incident_id, revision)",
    "ALTER TABLE incident_actors ADD COLUMN sort_date TEXT NOT NULL DEFAULT ''",
    "UPDATE incident_actors SET sort_date = (SELECT sort_date FROM incidents i WHERE i.id = incident_id)",
    "CREATE INDEX incident_actors_key_date ON incident_actors(actor_key, sort_date)",
    "CREATE INDEX incidents_type_date ON incidents(event_type, sort_date)",
    "CREATE INDEX incidents_sub_date ON incidents(sub_event_type, sort_date)",
    "CREATE INDEX incidents_admin1_date ON incidents(admin1, sort_date)",
    # Contentless: the text lives in articles; the index holds normalised, clitic-free words.
    "CREATE VIRTUAL TABLE articles_fts USING fts5(words, content='', tokenize='unicode61')",
    """CREATE TABLE callbacks (
        key TEXT PRIMARY KEY,
        chat_id INTEGER NOT NULL,
        action TEXT NOT NULL,
        payload TEXT NOT NULL,
        created_at TEXT NOT NULL
    )""",
]

MIGRATIONS.append(_V2)

# v3: the place and type indexes the chat queries use (/near, /type, /stats).
_V3 = [
    "CREATE INDEX incidents_position ON incidents(latitude, longitude)",
    "CREATE INDEX incidents_town_type_date ON incidents(town_key, event_type, sort_date)",
]

MIGRATIONS.append(_V3)

# v4: delivery that never loses an alert (docs/reliability.md §3.1, §3.3). Alerts are keyed by incident
# revision, chat and forum topic, and say whether they announce or update; chats can be gone, muted,
# quiet at night or on a digest; subscriptions live in a topic and may ask for a radius or a minimum
# death toll; admins get notices once; replayed updates are recognised.
_V4 = [
    """CREATE TABLE alerts_v4 (
        id INTEGER PRIMARY KEY,
        incident_id INTEGER NOT NULL REFERENCES incidents(id),
        revision INTEGER NOT NULL DEFAULT 1,
        chat_id INTEGER NOT NULL REFERENCES chats(id),
        thread_id INTEGER NOT NULL DEFAULT 0,
        kind TEXT NOT NULL DEFAULT 'new' CHECK (kind IN ('new', 'update')),
        status TEXT NOT NULL DEFAULT 'pending'
            CHECK (status IN ('pending', 'sending', 'sent', 'dead', 'superseded')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT NOT NULL,
        ambiguous INTEGER NOT NULL DEFAULT 0,
        message_id INTEGER,
        error_class TEXT,
        last_error TEXT,
        created_at TEXT NOT NULL,
        sent_at TEXT,
        UNIQUE (incident_id, revision, chat_id, thread_id)
    )""",
    """INSERT INTO alerts_v4 (id, incident_id, chat_id, status, attempts, next_attempt_at, ambiguous,
        message_id, last_error, created_at, sent_at)
       SELECT id, incident_id, chat_id, status, attempts, next_attempt_at, ambiguous, message_id,
        last_error, created_at, sent_at FROM alerts""",
    "DROP TABLE alerts",
    "ALTER TABLE alerts_v4 RENAME TO alerts",
    "CREATE INDEX alerts_due ON alerts(status, next_attempt_at)",
    "CREATE INDEX alerts_chat_queue ON alerts(chat_id, status, id)",
    """CREATE TABLE subscriptions_v4 (
        id INTEGER PRIMARY KEY,
        chat_id INTEGER NOT NULL REFERENCES chats(id),
        thread_id INTEGER NOT NULL DEFAULT 0,
        kind TEXT NOT NULL CHECK (kind IN ('town', 'actor', 'type', 'near')),
        value_key TEXT NOT NULL,
        label TEXT NOT NULL,
        latitude REAL,
        longitude REAL,
        radius_km REAL,
        min_killed INTEGER,
        active INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        UNIQUE (chat_id, thread_id, kind, value_key)
    )""",
    """INSERT INTO subscriptions_v4 (id, chat_id, kind, value_key, label, active, created_at)
       SELECT id, chat_id, kind, value_key, label, active, created_at FROM subscriptions""",
    "DROP TABLE subscriptions",
    "ALTER TABLE subscriptions_v4 RENAME TO subscriptions",
    "CREATE INDEX subscriptions_match ON subscriptions(kind, value_key, chat_id) WHERE active = 1",
    "CREATE INDEX subscriptions_near ON subscriptions(latitude, longitude) WHERE kind = 'near' AND active = 1",
    "ALTER TABLE chats ADD COLUMN active INTEGER NOT NULL DEFAULT 1",
    "ALTER TABLE chats ADD COLUMN gone_reason TEXT",
    "ALTER TABLE chats ADD COLUMN moved_to INTEGER",
    "ALTER TABLE chats ADD COLUMN muted_until TEXT",
    "ALTER TABLE chats ADD COLUMN quiet_hours TEXT",
    "ALTER TABLE chats ADD COLUMN timezone TEXT",
    "ALTER TABLE chats ADD COLUMN digest TEXT",
    "ALTER TABLE chats ADD COLUMN digest_sent_at TEXT",
    """CREATE TABLE notices (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL,
        admin_id INTEGER NOT NULL,
        body TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'dead')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT NOT NULL,
        created_at TEXT NOT NULL,
        UNIQUE (key, admin_id)
    )""",
    """CREATE TABLE processed_updates (
        update_id INTEGER PRIMARY KEY,
        reply TEXT,
        processed_at TEXT NOT NULL
    )""",
]

MIGRATIONS.append(_V4)

# v5: feeds from the real internet (docs/reliability.md §3.2, §3.5). A GUID is no longer unique: a feed that
# reuses one for a different report must not lose the report. Feeds record where they came from (config,
# chat, the bundled sample), whether they are paused, whether their first poll (the backlog, stored but
# not alerted) is done, when they last worked and since when they fail, Retry-After, and the hash of a
# body refused as hostile (so it is not scanned again at every poll).
_V5 = [
    "DROP INDEX articles_feed_guid",
    "CREATE INDEX articles_feed_guid ON articles(feed_id, guid) WHERE guid IS NOT NULL",
    "ALTER TABLE feeds ADD COLUMN origin TEXT NOT NULL DEFAULT 'config'",
    "ALTER TABLE feeds ADD COLUMN added_at TEXT",
    "ALTER TABLE feeds ADD COLUMN paused INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE feeds ADD COLUMN baseline_done INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE feeds ADD COLUMN alert_backlog INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE feeds ADD COLUMN last_success_at TEXT",
    "ALTER TABLE feeds ADD COLUMN failing_since TEXT",
    "ALTER TABLE feeds ADD COLUMN failure_notified INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE feeds ADD COLUMN retry_after TEXT",
    "ALTER TABLE feeds ADD COLUMN hostile_hash TEXT",
    # Feeds polled before v5 had their backlog alerted already.
    "UPDATE feeds SET baseline_done = 1 WHERE last_polled_at IS NOT NULL",
    "CREATE INDEX articles_feed_fetched ON articles(feed_id, fetched_at)",
]
MIGRATIONS.append(_V5)

# v6: true dates (docs/dates.md). An incident keeps its first report's publication day apart from the
# event's own date, and one that neither its text nor its report dates has no sort date at all (it was
# given the day it was fetched, so an undated archive landed in the current week).
_V6 = [
    "ALTER TABLE incidents ADD COLUMN reported_on TEXT",
    """UPDATE incidents SET reported_on = (
        SELECT substr(min(ar.published), 1, 10) FROM incident_sources s JOIN articles ar
        ON ar.id = s.article_id WHERE s.incident_id = incidents.id AND ar.published IS NOT NULL)""",
    "UPDATE incidents SET sort_date = coalesce(reported_on, '') WHERE event_date IS NULL",
    """UPDATE incident_actors SET sort_date = (
        SELECT i.sort_date FROM incidents i WHERE i.id = incident_actors.incident_id)""",
]
MIGRATIONS.append(_V6)

# v7: the search index keeps every word in each form its clitics allow, and loanwords in one spelling
# (extraction.normalize.search_words): emptied here, refilled from the articles at start-up.
_V7 = ["INSERT INTO articles_fts(articles_fts) VALUES('delete-all')"]
MIGRATIONS.append(_V7)

# v8: English names beside the Arabic ones, so that an English chat reads towns and parties in English
# (the gazetteers' name_en); rows stored before are filled at start-up (storage.incidents).
_V8 = [
    "ALTER TABLE incidents ADD COLUMN town_en TEXT",
    "ALTER TABLE incident_actors ADD COLUMN name_en TEXT",
]
MIGRATIONS.append(_V8)

# v9: keyword subscriptions (`/subscribe words …`): a new kind, so the table is rebuilt for its CHECK.
_V9 = [
    """CREATE TABLE subscriptions_v9 (
        id INTEGER PRIMARY KEY,
        chat_id INTEGER NOT NULL REFERENCES chats(id),
        thread_id INTEGER NOT NULL DEFAULT 0,
        kind TEXT NOT NULL CHECK (kind IN ('town', 'actor', 'type', 'near', 'words')),
        value_key TEXT NOT NULL,
        label TEXT NOT NULL,
        latitude REAL,
        longitude REAL,
        radius_km REAL,
        min_killed INTEGER,
        active INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        UNIQUE (chat_id, thread_id, kind, value_key)
    )""",
    """INSERT INTO subscriptions_v9 SELECT id, chat_id, thread_id, kind, value_key, label, latitude,
       longitude, radius_km, min_killed, active, created_at FROM subscriptions""",
    "DROP TABLE subscriptions",
    "ALTER TABLE subscriptions_v9 RENAME TO subscriptions",
    "CREATE INDEX subscriptions_match ON subscriptions(kind, value_key, chat_id) WHERE active = 1",
    "CREATE INDEX subscriptions_near ON subscriptions(latitude, longitude) WHERE kind = 'near' AND active = 1",
]
MIGRATIONS.append(_V9)

# v10: the running service's own state (issue 13): when it started, its heartbeats (polling, delivery)
# that `raqib health` reads, and the last backup, one row per key.
_V10 = [
    """CREATE TABLE service_state (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    )""",
]
MIGRATIONS.append(_V10)

# v11: covering indexes for the chat listings (docs/performance.md §7). /actor walks (actor_key, sort_date)
# newest first with the incident id as tie-break, which the old index left to a sort; /search counts the
# incidents of its articles without reading a row of incident_sources. Each replaces its prefix.
_V11 = [
    "CREATE INDEX incident_actors_key_date_incident ON incident_actors(actor_key, sort_date, incident_id)",
    "DROP INDEX incident_actors_key_date",
    "CREATE INDEX incident_sources_article_incident ON incident_sources(article_id, incident_id)",
    "DROP INDEX incident_sources_article",
]
MIGRATIONS.append(_V11)

# v12: governorate subscriptions (`/subscribe محافظة إدلب`), keyed by the governorate's admin1 name: a
# new kind, so the table is rebuilt for its CHECK. A governorate subscribed to before was stored as a
# town that no incident names (no report's town is a whole governorate), so it never alerted; such rows
# become what they meant. The governorates as places.csv names them (admin1, lower-cased).
_GOVERNORATE_KEYS = {
    "محافظة دمشق": "damascus",
    "محافظة حلب": "aleppo",
    "محافظة ريف دمشق": "rural damascus",
    "محافظة حمص": "homs",
    "محافظة حماة": "hama",
    "محافظة اللاذقية": "lattakia",
    "محافظة إدلب": "idleb",
    "محافظة الحسكة": "al-hasakeh",
    "محافظة دير الزور": "deir-ez-zor",
    "محافظة طرطوس": "tartous",
    "محافظة الرقة": "ar-raqqa",
    "محافظة درعا": "dar'a",
    "محافظة السويداء": "as-sweida",
    "محافظة القنيطرة": "quneitra",
}


def _sql_text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


_V12 = [
    """CREATE TABLE subscriptions_v12 (
        id INTEGER PRIMARY KEY,
        chat_id INTEGER NOT NULL REFERENCES chats(id),
        thread_id INTEGER NOT NULL DEFAULT 0,
        kind TEXT NOT NULL CHECK (kind IN ('town', 'governorate', 'actor', 'type', 'near', 'words')),
        value_key TEXT NOT NULL,
        label TEXT NOT NULL,
        latitude REAL,
        longitude REAL,
        radius_km REAL,
        min_killed INTEGER,
        active INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        UNIQUE (chat_id, thread_id, kind, value_key)
    )""",
    """INSERT INTO subscriptions_v12 SELECT id, chat_id, thread_id, kind, value_key, label, latitude,
       longitude, radius_km, min_killed, active, created_at FROM subscriptions""",
    "DROP TABLE subscriptions",
    "ALTER TABLE subscriptions_v12 RENAME TO subscriptions",
    "CREATE INDEX subscriptions_match ON subscriptions(kind, value_key, chat_id) WHERE active = 1",
    "CREATE INDEX subscriptions_near ON subscriptions(latitude, longitude) WHERE kind = 'near' AND active = 1",
    *(
        f"UPDATE subscriptions SET kind = 'governorate', value_key = {_sql_text(key)} "
        f"WHERE kind = 'town' AND label = {_sql_text(label)}"
        for label, key in _GOVERNORATE_KEYS.items()
    ),
]
MIGRATIONS.append(_V12)

# v13: a baseline date per feed (docs/feeds.md, "Baselines"): an item dated before it is stored but alerts
# no one (docs/reliability.md §5 cases 33, 34). Set at a feed's first poll (its newest item, less one poll
# interval) and again when it is resumed; a feed polled before v13 takes it at its next poll.
_V13 = ["ALTER TABLE feeds ADD COLUMN baseline_at TEXT"]
MIGRATIONS.append(_V13)

# v14: a vague toll's conservative figure ("عشرات القتلى": 10; ACLED's note on fatalities), kept beside
# `killed`, which stays NULL: the CSV export codes it as ACLED does, the JSON keeps the unknown as null.
_V14 = ["ALTER TABLE incidents ADD COLUMN vague_killed INTEGER"]
MIGRATIONS.append(_V14)

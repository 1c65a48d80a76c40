"""User-facing text in Arabic and English, looked up by key. Handlers and alerts never hold literals."""

from __future__ import annotations

LANGUAGES = ("ar", "en")
DEFAULT_LANGUAGE = "ar"

_TEXTS: dict[str, dict[str, str]] = {
    "help.title": {
        "ar": "رقيب: تنبيهات وأسئلة عن الحوادث في سوريا من الأخبار العربية.",
        "en": "Raqib: alerts and questions about incidents in Syria from Arabic news.",
    },
    "help.footer": {
        "ar": "الأسماء بأي تهجئة: العشارة، بالعشارة، Ashara. الفترات: 7d، 30d، 2024-05، اليوم، أمس، هذا الأسبوع، هذا الشهر.",
        "en": "Names in any spelling: العشارة, بالعشارة, Ashara. Periods: 7d, 30d, 2024-05, today, yesterday, this week, this month.",
    },
    "cmd.help": {"ar": "كيف أستخدم البوت", "en": "How to use the bot"},
    "cmd.latest": {"ar": "آخر الحوادث: /latest [عدد]", "en": "Latest incidents: /latest [n]"},
    "cmd.town": {
        "ar": "حوادث في بلدة: /town اسم [فترة]",
        "en": "Incidents in a town: /town NAME [period]",
    },
    "cmd.actor": {
        "ar": "حوادث جهة: /actor اسم [فترة]",
        "en": "Incidents of an actor: /actor NAME [period]",
    },
    "cmd.incident": {
        "ar": "تفاصيل حادثة: /incident رقم",
        "en": "One incident in full: /incident ID",
    },
    "cmd.subscribe": {
        "ar": "اشترك: /subscribe town|actor|type اسم، أو near اسم كم، [min_killed ع]",
        "en": "Subscribe: /subscribe town|actor|type NAME or near NAME KM [min_killed N]",
    },
    "cmd.unsubscribe": {
        "ar": "ألغِ اشتراكاً: /unsubscribe town|actor|type|near اسم",
        "en": "Unsubscribe: /unsubscribe town|actor|type|near NAME",
    },
    "cmd.subscriptions": {"ar": "اشتراكاتك", "en": "Your subscriptions"},
    "cmd.lang": {"ar": "اللغة: /lang ar|en", "en": "Language: /lang ar|en"},
    "cmd.type": {"ar": "حوادث من نوع: /type نوع [فترة]", "en": "Incidents of a type: /type TYPE [period]"},
    "cmd.near": {"ar": "حوادث قرب بلدة: /near اسم كم", "en": "Incidents near a town: /near NAME KM"},
    "cmd.search": {"ar": "بحث في نصوص الأخبار: /search كلمات", "en": "Search the reports: /search WORDS"},
    "cmd.stats": {
        "ar": "إحصاء ورسم أسبوعي: /stats [اسم] [فترة]",
        "en": "Weekly counts and chart: /stats [NAME] [period]",
    },
    "cmd.map": {"ar": "خريطة الحوادث: /map [اسم] [فترة]", "en": "Map of incidents: /map [NAME] [period]"},
    "cmd.export": {
        "ar": "تصدير: /export csv|geojson|json [بلدة|جهة|نوع اسم] [فترة]",
        "en": "Export: /export csv|geojson|json [town|actor|type NAME] [period]",
    },
    "none.latest": {"ar": "لا توجد حوادث مسجلة بعد.", "en": "No incidents stored yet."},
    "none.match": {"ar": "لا حوادث تطابق{what}.", "en": "No incidents match{what}."},
    "head.match": {
        "ar": "{count}{what} (الأحدث أولاً):",
        "en": "{count}{what} (newest first):",
    },
    "head.many": {
        "ar": "أكثر من {cap} حادثة{what}؛ هذه أحدثها:",
        "en": "More than {cap} incidents{what}; the newest:",
    },
    "head.more": {"ar": "… و{more} أخرى.", "en": "… and {more} more."},
    "what.town": {"ar": " في {name}", "en": " in {name}"},
    "what.actor": {"ar": " لـ {name}", "en": " involving {name}"},
    "what.type": {"ar": " من نوع {name}", "en": " of type {name}"},
    "what.near": {"ar": " على بعد {km} كم من {name}", "en": " within {km} km of {name}"},
    "what.search": {"ar": " للبحث «{name}»", "en": " for “{name}”"},
    "what.period": {"ar": " بين {since} و{until}", "en": " from {since} to {until}"},
    "usage.type": {
        "ar": "اكتب النوع: /type Battles أو /type اشتباك مسلح",
        "en": "Give a type: /type Battles",
    },
    "usage.near": {"ar": "الصيغة: /near العشارة 10", "en": "Usage: /near Ashara 10"},
    "usage.search": {"ar": "اكتب كلمات البحث: /search الشحيل اغتيال", "en": "Give words: /search Shuhayl"},
    "usage.export": {
        "ar": "الصيغة: /export csv town دير الزور 30d",
        "en": "Usage: /export csv town Deir ez-Zor 30d",
    },
    "choose.place": {
        "ar": "«{name}» اسم لأكثر من مكان. اختر:",
        "en": "“{name}” names several places. Choose:",
    },
    "confidence.one": {"ar": "مصدر واحد", "en": "1 outlet"},
    "confidence.many": {"ar": "أكده {n} مصادر", "en": "confirmed by {n} outlets"},
    "card.confidence": {"ar": "الموثوقية", "en": "Confidence"},
    "card.sources": {"ar": "المصادر", "en": "Sources"},
    "stats.head": {
        "ar": "{count}{what}، حسب الأسبوع والنوع:",
        "en": "{count}{what}, by week and type:",
    },
    "stats.chart": {"ar": "الحوادث أسبوعياً{what}", "en": "Incidents per week{what}"},
    "stats.week": {"ar": "الأسبوع", "en": "Week"},
    "stats.count": {"ar": "عدد الحوادث", "en": "Incidents"},
    "map.title": {"ar": "أماكن الحوادث{what}", "en": "Where incidents happened{what}"},
    "map.unplaced": {
        "ar": "(خارج الخريطة: {count} بلا إحداثيات معروفة)",
        "en": "(not on the map: {count} without known coordinates)",
    },
    "map.none": {"ar": "لا حوادث معروفة الإحداثيات{what}.", "en": "No incidents with coordinates{what}."},
    "export.done": {"ar": "{count}{what}.", "en": "{count}{what}."},
    "file.saved": {"ar": "حُفظ الملف: {path}", "en": "File saved: {path}"},
    "page": {"ar": "صفحة {n} من {total}", "en": "Page {n} of {total}"},
    "expired": {
        "ar": "انتهت صلاحية هذا الزر. أعد إرسال الأمر.",
        "en": "This button has expired. Send the command again.",
    },
    "none.town": {
        "ar": "لا حوادث مسجلة في {name}{period}.",
        "en": "No incidents in {name}{period}.",
    },
    "none.actor": {
        "ar": "لا حوادث مسجلة لـ {name}{period}.",
        "en": "No incidents involving {name}{period}.",
    },
    "head.latest": {"ar": "آخر {n} حوادث:", "en": "Latest {n} incidents:"},
    "head.town": {"ar": "حوادث في {name}{period}:", "en": "Incidents in {name}{period}:"},
    "head.actor": {"ar": "حوادث {name}{period}:", "en": "Incidents involving {name}{period}:"},
    "period.since": {"ar": " منذ {date}", "en": " since {date}"},
    "usage.town": {"ar": "اكتب اسم البلدة: /town العشارة", "en": "Give a town: /town Ashara"},
    "usage.actor": {
        "ar": "اكتب اسم الجهة: /actor الدفاع الوطني",
        "en": "Give an actor: /actor NDF",
    },
    "usage.incident": {
        "ar": "اكتب رقم الحادثة: /incident 12",
        "en": "Give an incident number: /incident 12",
    },
    "usage.subscribe": {
        "ar": "الصيغة: /subscribe town دير الزور أو /subscribe actor الدفاع الوطني أو /subscribe type Battles "
        "أو /subscribe near الميادين 15 — ويمكن أن تضيف min_killed 3 لتنبيهات الحوادث التي قُتل فيها 3 على الأقل.",
        "en": "Usage: /subscribe town Deir ez-Zor, /subscribe actor NDF, /subscribe type Battles or "
        "/subscribe near Mayadin 15 — add min_killed 3 for incidents with at least 3 killed.",
    },
    "usage.lang": {"ar": "الصيغة: /lang ar أو /lang en", "en": "Usage: /lang ar or /lang en"},
    "unknown.town": {"ar": "لا أعرف بلدة باسم «{name}».", "en": "I know no town called “{name}”."},
    "unknown.actor": {"ar": "لا أعرف جهة باسم «{name}».", "en": "I know no actor called “{name}”."},
    "unknown.type": {
        "ar": "نوع غير معروف «{name}». الأنواع: {types}",
        "en": "Unknown type “{name}”. Types: {types}",
    },
    "unknown.incident": {"ar": "لا توجد حادثة برقم {id}.", "en": "No incident number {id}."},
    "unknown.command": {
        "ar": "أمر غير معروف. اكتب /help لقائمة الأوامر.",
        "en": "Unknown command. Send /help for the list.",
    },
    "did_you_mean": {"ar": "هل تقصد: {names}؟", "en": "Did you mean: {names}?"},
    "ambiguous": {
        "ar": "«{name}» يطابق أكثر من مكان: {names}. اكتب الاسم كاملاً.",
        "en": "“{name}” matches several places: {names}. Write the full name.",
    },
    "subscribed": {"ar": "تم الاشتراك: {label}.", "en": "Subscribed: {label}."},
    "already_subscribed": {"ar": "أنت مشترك مسبقاً: {label}.", "en": "Already subscribed: {label}."},
    "unsubscribed": {"ar": "تم إلغاء الاشتراك: {label}.", "en": "Unsubscribed: {label}."},
    "not_subscribed": {"ar": "لست مشتركاً في: {label}.", "en": "Not subscribed to: {label}."},
    "subscriptions.none": {
        "ar": "لا اشتراكات. مثال: /subscribe town دير الزور",
        "en": "No subscriptions. Example: /subscribe town Deir ez-Zor",
    },
    "subscriptions.head": {"ar": "اشتراكاتك:", "en": "Your subscriptions:"},
    "kind.town": {"ar": "بلدة", "en": "town"},
    "kind.actor": {"ar": "جهة", "en": "actor"},
    "kind.type": {"ar": "نوع", "en": "type"},
    "kind.near": {"ar": "منطقة", "en": "area"},
    "near.label": {"ar": "ضمن {km} كم من {name}", "en": "within {km} km of {name}"},
    "min_killed.label": {"ar": " (قتلى ≥ {n})", "en": " (killed ≥ {n})"},
    "lang.set": {"ar": "ستصلك الردود بالعربية.", "en": "Replies will be in English."},
    "card.alert": {"ar": "🔔 تنبيه", "en": "🔔 Alert"},
    "notice.chat_gone": {
        "ar": "⚠️ المحادثة {chat} لم تعد تستقبل التنبيهات ({reason}). أوقفت اشتراكاتها و{alerts} تنبيهات منتظرة.",
        "en": "⚠️ Chat {chat} no longer receives alerts ({reason}). Its subscriptions and {alerts} waiting alerts were stopped.",
    },
    "notice.rejected": {
        "ar": "⚠️ رفض تيليغرام التنبيه {alert} إلى المحادثة {chat} حتى كنص عادي: {reason}",
        "en": "⚠️ Telegram refused alert {alert} to chat {chat} even as plain text: {reason}",
    },
    "welcome_back": {
        "ar": "أهلاً بعودتك: عادت اشتراكاتك ({n}) إلى العمل.",
        "en": "Welcome back: your {n} subscriptions are active again.",
    },
    "admins_only": {
        "ar": "فقط مشرفو المجموعة يستطيعون تغيير اشتراكاتها وإعداداتها.",
        "en": "Only the group's admins can change its subscriptions and settings.",
    },
    "cmd.mute": {
        "ar": "كتم الصوت مؤقتاً: /mute 2h أو off",
        "en": "Silence alerts for a while: /mute 2h or off",
    },
    "cmd.quiet": {
        "ar": "ساعات الهدوء: /quiet 23:00-07:00 [المنطقة الزمنية] أو off",
        "en": "Quiet hours: /quiet 23:00-07:00 [time zone] or off",
    },
    "cmd.digest": {
        "ar": "ملخص بدل التنبيهات: /digest hourly|daily|off",
        "en": "A digest instead: /digest hourly|daily|off",
    },
    "usage.mute": {
        "ar": "الصيغة: /mute 2h أو /mute 30m أو /mute off",
        "en": "Usage: /mute 2h, /mute 30m or /mute off",
    },
    "mute.on": {
        "ar": "ستصلك التنبيهات بلا صوت حتى {until} (الحوادث الكبيرة ترن دائماً).",
        "en": "Alerts arrive silently until {until} (incidents with many dead still ring).",
    },
    "mute.off": {"ar": "عاد صوت التنبيهات.", "en": "Alerts ring again."},
    "usage.quiet": {
        "ar": "الصيغة: /quiet 23:00-07:00 [Asia/Damascus] أو /quiet off",
        "en": "Usage: /quiet 23:00-07:00 [Asia/Damascus] or /quiet off",
    },
    "quiet.on": {
        "ar": "ساعات الهدوء {span} بتوقيت {zone}: التنبيهات تصل بلا صوت (الحوادث الكبيرة ترن دائماً).",
        "en": "Quiet hours {span} ({zone}): alerts arrive silently (incidents with many dead still ring).",
    },
    "quiet.off": {"ar": "أُلغيت ساعات الهدوء.", "en": "Quiet hours off."},
    "unknown.timezone": {"ar": "لا أعرف المنطقة الزمنية «{name}».", "en": "Unknown time zone “{name}”."},
    "usage.digest": {
        "ar": "الصيغة: /digest hourly أو /digest daily أو /digest off",
        "en": "Usage: /digest hourly, /digest daily or /digest off",
    },
    "digest.hourly": {
        "ar": "ستصلك رسالة ملخص واحدة كل ساعة بدل التنبيهات المنفردة.",
        "en": "You will get one summary message an hour instead of single alerts.",
    },
    "digest.daily": {
        "ar": "ستصلك رسالة ملخص واحدة كل يوم بدل التنبيهات المنفردة.",
        "en": "You will get one summary message a day instead of single alerts.",
    },
    "digest.off": {"ar": "عادت التنبيهات المنفردة.", "en": "Single alerts again."},
    "digest.head": {"ar": "🗞 ملخص: {count} منذ آخر ملخص", "en": "🗞 Digest: {count} since the last one"},
    "card.update": {"ar": "🔄 تحديث", "en": "🔄 Update"},
    "card.delayed": {
        "ar": "⏱ تأخر هذا التنبيه {hours} ساعة بسبب عطل في الإرسال.",
        "en": "⏱ Delayed by {hours} h by a delivery fault.",
    },
    "card.more_sources": {"ar": "… و{n} مصادر أخرى (/incident)", "en": "… and {n} more sources (/incident)"},
    "card.repeat": {
        "ar": "↻ أعيد الإرسال بعد عطل؛ ربما وصلك هذا التنبيه من قبل.",
        "en": "↻ Re-sent after a fault; you may have received this already.",
    },
    "card.actors": {"ar": "الأطراف", "en": "Actors"},
    "card.place": {"ar": "المكان", "en": "Place"},
    "card.date": {"ar": "التاريخ", "en": "Date"},
    "card.killed": {"ar": "قتلى", "en": "killed"},
    "card.injured": {"ar": "جرحى", "en": "injured"},
    "card.casualties": {"ar": "الضحايا", "en": "Casualties"},
    "card.no_casualties": {"ar": "لا إصابات", "en": "none"},
    "card.unknown": {"ar": "غير معروف", "en": "unknown"},
    "card.source": {"ar": "المصدر", "en": "Source"},
    "card.evidence": {"ar": "النص", "en": "Text"},
    "card.id": {"ar": "حادثة رقم {id}", "en": "Incident #{id}"},
    "error.internal": {
        "ar": "حدث خطأ داخلي، سُجّل وسنعالجه. حاول مجدداً لاحقاً.",
        "en": "Something went wrong on our side; it was logged. Please try again later.",
    },
}

# ACLED's event types and sub-event types, as ACLED spells them, with the Arabic analysts use.
ACLED_ARABIC: dict[str, str] = {
    "Battles": "معارك",
    "Armed clash": "اشتباك مسلح",
    "Government regains territory": "استعادة الحكومة لمنطقة",
    "Non-state actor overtakes territory": "سيطرة جهة غير حكومية على منطقة",
    "Explosions/Remote violence": "تفجيرات/عنف عن بعد",
    "Air/drone strike": "غارة جوية/بطائرة مسيرة",
    "Shelling/artillery/missile attack": "قصف مدفعي/صاروخي",
    "Remote explosive/landmine/IED": "عبوة/لغم/تفجير عن بعد",
    "Grenade": "قنبلة يدوية",
    "Suicide bomb": "تفجير انتحاري",
    "Chemical weapon": "سلاح كيميائي",
    "Violence against civilians": "عنف ضد المدنيين",
    "Attack": "اعتداء",
    "Abduction/forced disappearance": "خطف/إخفاء قسري",
    "Sexual violence": "عنف جنسي",
    "Protests": "احتجاجات",
    "Peaceful protest": "احتجاج سلمي",
    "Protest with intervention": "احتجاج مع تدخل",
    "Excessive force against protesters": "قوة مفرطة ضد المحتجين",
    "Riots": "أعمال شغب",
    "Violent demonstration": "مظاهرة عنيفة",
    "Mob violence": "عنف جماعي",
    "Strategic developments": "تطورات استراتيجية",
    "Agreement": "اتفاق",
    "Arrests": "اعتقالات",
    "Change to group/activity": "تغيير في جماعة/نشاط",
    "Disrupted weapons use": "إحباط استخدام أسلحة",
    "Headquarters or base established": "إنشاء مقر أو قاعدة",
    "Looting/property destruction": "نهب/تدمير ممتلكات",
    "Non-violent transfer of territory": "انتقال منطقة دون قتال",
    "Other": "أخرى",
}


def text(key: str, language: str, **values: object) -> str:
    """The text for `key` in `language` (Arabic when unknown), with `values` filled in."""
    entry = _TEXTS[key]
    template = entry.get(language) or entry[DEFAULT_LANGUAGE]
    return template.format(**values) if values else template


def acled_label(name: str, language: str) -> str:
    """An ACLED type or sub-type in the chat's language."""
    return ACLED_ARABIC.get(name, name) if language == "ar" else name


def pick_language(preferred: str | None, fallback: str) -> str:
    """The chat's chosen language, else the configured default."""
    return preferred if preferred in LANGUAGES else fallback


def isolate(value: object) -> str:
    """Keep a left-to-right value (a date, "2026-08-26") in one piece inside Arabic text: Unicode
    isolates, which Telegram clients and matplotlib's layout both honour; without them the bidi
    algorithm shows "26-08-2026"."""
    return f"\u2066{value}\u2069"


def incidents_count(n: int, language: str) -> str:
    """ "3 حوادث", "11 حادثة", "1 incident": the number with the noun in agreement."""
    if language == "en":
        return f"{n} incident" if n == 1 else f"{n} incidents"
    if n == 1:
        return "حادثة واحدة"
    if n == 2:
        return "حادثتان"
    if 3 <= n % 100 <= 10:
        return f"{n} حوادث"
    return f"{n} حادثة"

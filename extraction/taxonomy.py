"""ACLED event types and sub-event types, spelled as ACLED spells them."""

EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": (
        "Armed clash",
        "Government regains territory",
        "Non-state actor overtakes territory",
    ),
    "Explosions/Remote violence": (
        "Air/drone strike",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
        "Suicide bomb",
        "Chemical weapon",
    ),
    "Violence against civilians": ("Attack", "Abduction/forced disappearance", "Sexual violence"),
    "Protests": (
        "Peaceful protest",
        "Protest with intervention",
        "Excessive force against protesters",
    ),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}

SUB_EVENT_PARENT: dict[str, str] = {sub: event for event, subs in EVENT_TYPES.items() for sub in subs}


def find_type(name: str) -> str | None:
    """The ACLED event or sub-event type named `name` (case and spacing ignored), else None."""
    wanted = " ".join(name.lower().split())
    for candidate in (*EVENT_TYPES, *SUB_EVENT_PARENT):
        if candidate.lower() == wanted:
            return candidate
    return None

"""What bilateral_db.models.catalog reads from the metadata: keys, references, intervals."""

from __future__ import annotations

from bilateral_db.models import Base
from bilateral_db.models import catalog as schema


def test_a_claims_key_is_its_unique_constraint_without_release_and_number() -> None:
    assert schema.candidate_keys("membership") == [("bloc_id", "actor_id", "role", "start_date")]
    assert schema.candidate_keys("term") == [("person_id", "post_id", "start_date")]


def test_surrogate_and_fact_ids_are_no_natural_keys() -> None:
    assert schema.candidate_keys("post") == [  # not (id, single_seat)
        ("actor_id", "office", "accredited_to_actor_id"),
        ("actor_id", "office"),  # where accredited to no one
    ]
    assert schema.candidate_keys("progress_statement") == [("slug",)]  # not fact_id
    assert schema.candidate_keys("currency") == [("code",)]  # a natural primary key
    assert schema.candidate_keys("agreement_party") == [("agreement_id", "actor_id")]


def test_partial_unique_indexes_are_candidate_keys_with_their_condition() -> None:
    partial = schema.partial_unique_indexes("participant")
    assert partial == {
        ("meeting_id", "person_id", "role", "status"): "person_id IS NOT NULL",
        ("meeting_id", "actor_id", "role", "status"): "person_id IS NULL",
    }
    assert sorted(schema.candidate_keys("participant")) == sorted(partial)


def test_references_and_self_references_come_from_the_foreign_keys() -> None:
    assert schema.foreign_keys("meeting") == {
        "kind": "meeting_kind",
        "status": "meeting_status",
        "city_id": "city",
        "host_country_id": "country",
        "bloc_id": "bloc",
        "parent_id": "meeting",
        "release_id": "release",
        "fact_id": "fact",
    }
    assert schema.self_references("meeting") == ("parent_id",)
    assert schema.self_references("trade_figure") == ("alternative_of_id",)
    composite = schema.composite_foreign_key_columns("term")
    assert sorted(composite) == ["post_id", "single_seat"]
    assert composite["single_seat"].onupdate == "CASCADE"


def test_intervals_and_unique_values_come_from_the_constraints() -> None:
    assert schema.intervals("bloc") == (("founded_on", "dissolved_on"),)
    assert schema.intervals("agreement") == (("covers_from", "covers_until"),)
    assert schema.intervals("source") == ()
    assert set(schema.unique_columns("bloc")) == {"code", "wikidata_id", "cow_igo_code"}


def test_claims_and_facts_are_told_by_their_columns() -> None:
    claims = {name for name in Base.metadata.tables if schema.is_claim(name)}
    assert claims == {
        "country_code",
        "membership",
        "dialogue_coordination",
        "term",
        "trade_figure",
        "trade_reported_change",
    }
    assert not schema.is_fact("citation")  # it refers to a fact; it states none
    assert schema.is_fact("membership") and not schema.is_fact("post")


def test_checks_naming_a_column_are_found_by_word() -> None:
    assert schema.checks_naming("meeting", "parent_id") == ["parent_id IS NULL OR parent_id <> id"]
    assert schema.checks_naming("trade_figure", "currency_code") == [
        "value_minor IS NULL OR currency_code IS NOT NULL"
    ]

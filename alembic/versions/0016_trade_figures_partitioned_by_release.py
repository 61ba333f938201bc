"""PostgreSQL: trade figures partitioned by release.

Each release's trade figures live in a partition of their own (LIST by `release_id`, named
`trade_figure_release_<id>`). An import builds a release's figures as a standalone table, with
its keys, indexes and foreign keys built set-based, and attaches it in a moment; readers go on
reading what was committed (bilateral_db.writing.partitions). SQLite is unchanged.

PostgreSQL requires every unique key of a partitioned table to include the partition key:

- the primary key becomes `(id, release_id)`; ids still come from one sequence;
- the claim key already ends with `release_id`;
- `uq_trade_figure_alternative` becomes `(alternative_of_id, alternative, release_id)`, and an
  alternative refers to its claim by `(alternative_of_id, release_id)`: it lives in its claim's
  release (what the fixtures do and docs/schema.md says), so alternatives are still numbered
  once per claim. That reference is kept by two triggers, not a foreign key: a foreign key from
  a partitioned table to itself makes every ATTACH PARTITION take ACCESS EXCLUSIVE on the whole
  table until the commit, and readers would wait for the import. The triggers do what the key
  did: a row naming a claim its release does not hold is refused (foreign_key_violation),
  deleting a claim deletes its alternatives, and a claim's id or release does not change while
  alternatives name it;
- `fact_id` unique becomes `(fact_id, release_id)` with `CHECK (fact_id IS NULL OR release_id
  = 1)`: a fact is the curated release's (imported figures cite their release), so it is still
  stated by one figure at most.

The rows move into the partitioned table as they are (ids kept); the views are dropped around
the move and created again as they were.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-07
"""

from collections.abc import Sequence

from alembic import op

# Frozen: import nothing of bilateral_db. Views change by version files and
# op.replace_view(name, new=, old=) (alembic/ops.py, docs/migrations.md).

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Every view at 0015, readers last: dropped around the move, then created again.
VIEWS = {
    "v_membership": "0003",
    "v_meeting_participant": "0003",
    "v_trade": "0012",
    "v_claim": "0006",
    "v_term": "0006",
    "v_country_year": "0009",
    "v_country_year_gw": "0009",
    "v_dyad_year": "0009",
    "v_dyad_year_gw": "0009",
}
CURATED = 1
COMMENT = (
    "Trade values. Both sides' figures are kept: the reporter's and its partner's mirror figure."
)
CLAIM = (
    "reporter_actor_id, partner_actor_id, period_start, period_end, period_precision, flow, "
    "category_id, series, valuation, release_id, alternative"
)
INDEXES = (
    "CREATE INDEX ix_trade_figure_category_id ON trade_figure (category_id)",
    "CREATE INDEX ix_trade_figure_partner_reporter "
    "ON trade_figure (partner_actor_id, reporter_actor_id, period_start)",
    "CREATE INDEX ix_trade_figure_release_id ON trade_figure (release_id)",
)
REFERENCES = (
    "ADD CONSTRAINT fk_trade_figure_category_id_product_category "
    "FOREIGN KEY (category_id) REFERENCES product_category (id)",
    "ADD CONSTRAINT fk_trade_figure_currency_code_currency "
    "FOREIGN KEY (currency_code) REFERENCES currency (code)",
    "ADD CONSTRAINT fk_trade_figure_fact_id_fact "
    "FOREIGN KEY (fact_id) REFERENCES fact (id) ON DELETE CASCADE",
    "ADD CONSTRAINT fk_trade_figure_partner_actor_id_actor "
    "FOREIGN KEY (partner_actor_id) REFERENCES actor (id)",
    "ADD CONSTRAINT fk_trade_figure_release_id_release "
    "FOREIGN KEY (release_id) REFERENCES release (id) ON DELETE CASCADE",
    "ADD CONSTRAINT fk_trade_figure_reporter_actor_id_actor "
    "FOREIGN KEY (reporter_actor_id) REFERENCES actor (id)",
)


# The claim an alternative names: (alternative_of_id, release_id) -> (id, release_id).
ALTERNATIVE_OF_FUNCTION = """
CREATE FUNCTION trade_figure_alternative_of() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'DELETE' AND NEW.alternative_of_id IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM trade_figure
        WHERE id = NEW.alternative_of_id AND release_id = NEW.release_id
    ) THEN
        RAISE foreign_key_violation USING
            CONSTRAINT = 'fk_trade_figure_alternative_of_id_trade_figure',
            MESSAGE = format(
                'trade_figure %s is an alternative of %s, which release %s does not hold',
                NEW.id, NEW.alternative_of_id, NEW.release_id);
    END IF;
    IF TG_OP = 'DELETE' THEN
        DELETE FROM trade_figure
        WHERE alternative_of_id = OLD.id AND release_id = OLD.release_id;
    ELSIF TG_OP = 'UPDATE' AND (NEW.id, NEW.release_id) IS DISTINCT FROM (OLD.id, OLD.release_id)
        AND EXISTS (SELECT 1 FROM trade_figure
                    WHERE alternative_of_id = OLD.id AND release_id = OLD.release_id) THEN
        RAISE foreign_key_violation USING
            CONSTRAINT = 'fk_trade_figure_alternative_of_id_trade_figure',
            MESSAGE = format('trade_figure %s has alternatives: its id and release stay', OLD.id);
    END IF;
    RETURN NULL;
END
$$
"""
ALTERNATIVE_OF_TRIGGERS = (
    # A row naming a claim: checked once the statement has written every row.
    "CREATE TRIGGER trade_figure_alternative_of_named AFTER INSERT OR UPDATE ON trade_figure "
    "FOR EACH ROW WHEN (NEW.alternative_of_id IS NOT NULL) "
    "EXECUTE FUNCTION trade_figure_alternative_of()",
    # A claim deleted, or its id or release changed: its alternatives go, or it is refused.
    "CREATE TRIGGER trade_figure_alternative_of_claim AFTER DELETE OR UPDATE OF id, release_id "
    "ON trade_figure FOR EACH ROW EXECUTE FUNCTION trade_figure_alternative_of()",
)


def _postgresql() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def _drop_views() -> None:
    for name, version in reversed(VIEWS.items()):
        op.drop_view(name, version)


def _create_views() -> None:
    for name, version in VIEWS.items():
        op.create_view(name, version)


def _moved_into(table: str) -> None:
    """Every row of trade_figure into `table` (built beside it), which then takes its name and
    its id sequence; the old table goes."""
    op.execute(f"INSERT INTO {table} SELECT * FROM trade_figure")
    op.execute("ALTER SEQUENCE trade_figure_id_seq OWNED BY NONE")
    op.execute("DROP TABLE trade_figure")
    op.execute(f"ALTER TABLE {table} RENAME TO trade_figure")
    op.execute("ALTER SEQUENCE trade_figure_id_seq OWNED BY trade_figure.id")
    op.execute(f"COMMENT ON TABLE trade_figure IS '{COMMENT.replace(chr(39), chr(39) * 2)}'")


def upgrade() -> None:
    if not _postgresql():
        return
    _drop_views()
    op.execute(
        "CREATE TABLE trade_figure_partitioned (LIKE trade_figure INCLUDING DEFAULTS "
        "INCLUDING CONSTRAINTS INCLUDING COMMENTS) PARTITION BY LIST (release_id)"
    )
    releases = {CURATED}
    releases.update(
        int(release)
        for (release,) in op.get_bind().exec_driver_sql(
            "SELECT DISTINCT release_id FROM trade_figure"
        )
    )
    for release in sorted(releases):
        op.execute(
            f"CREATE TABLE trade_figure_release_{release} PARTITION OF trade_figure_partitioned "
            f"FOR VALUES IN ({release})"
        )
    _moved_into("trade_figure_partitioned")
    op.execute(
        "ALTER TABLE trade_figure "
        "ADD CONSTRAINT pk_trade_figure PRIMARY KEY (id, release_id), "
        f"ADD CONSTRAINT uq_trade_figure_claim UNIQUE ({CLAIM}), "
        "ADD CONSTRAINT uq_trade_figure_fact_id UNIQUE (fact_id, release_id), "
        "ADD CONSTRAINT ck_trade_figure_fact_is_curated "
        f"CHECK (fact_id IS NULL OR release_id = {CURATED})"
    )
    op.execute(
        "CREATE UNIQUE INDEX uq_trade_figure_alternative "
        "ON trade_figure (alternative_of_id, alternative, release_id) "
        "WHERE alternative_of_id IS NOT NULL"
    )
    for index in INDEXES:
        op.execute(index)
    op.execute("ALTER TABLE trade_figure " + ", ".join(REFERENCES))
    op.execute(ALTERNATIVE_OF_FUNCTION)
    for trigger in ALTERNATIVE_OF_TRIGGERS:
        op.execute(trigger)
    _create_views()


def downgrade() -> None:
    if not _postgresql():
        return
    _drop_views()
    op.execute("DROP TRIGGER trade_figure_alternative_of_named ON trade_figure")
    op.execute("DROP TRIGGER trade_figure_alternative_of_claim ON trade_figure")
    op.execute("DROP FUNCTION trade_figure_alternative_of()")
    op.execute(
        "CREATE TABLE trade_figure_unpartitioned (LIKE trade_figure INCLUDING DEFAULTS "
        "INCLUDING CONSTRAINTS INCLUDING COMMENTS)"
    )
    op.execute(
        "ALTER TABLE trade_figure_unpartitioned DROP CONSTRAINT ck_trade_figure_fact_is_curated"
    )
    _moved_into("trade_figure_unpartitioned")
    op.execute(
        "ALTER TABLE trade_figure "
        "ADD CONSTRAINT pk_trade_figure PRIMARY KEY (id), "
        f"ADD CONSTRAINT uq_trade_figure_claim UNIQUE ({CLAIM}), "
        "ADD CONSTRAINT uq_trade_figure_fact_id UNIQUE (fact_id)"
    )
    op.execute(
        "CREATE UNIQUE INDEX uq_trade_figure_alternative "
        "ON trade_figure (alternative_of_id, alternative) WHERE alternative_of_id IS NOT NULL"
    )
    for index in INDEXES:
        op.execute(index)
    op.execute(
        "ALTER TABLE trade_figure "
        "ADD CONSTRAINT fk_trade_figure_alternative_of_id_trade_figure "
        "FOREIGN KEY (alternative_of_id) REFERENCES trade_figure (id) ON DELETE CASCADE, "
        + ", ".join(REFERENCES)
    )
    _create_views()

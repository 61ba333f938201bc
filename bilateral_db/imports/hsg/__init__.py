"""The U.S. Office of the Historian's records: readers and reviewed mappings (no database code).

Three record sets, each published as a repository of XML files and read here from a directory
or the repository's .zip/.tar.gz (`source`): Principal Officers and Chiefs of Mission (`pocom`),
Travels Abroad of the President and the Secretary of State (`travels`) and Visits by Foreign
Leaders (`visits`). Readers stream the files (`elements`) into frozen records that keep the
Office's ids and words, dates at the precision the files give; `mappings` holds the reviewed
tables from the Office's terms to the project's (missions to blocs, role titles to capacities,
ended notes to end reasons, visit descriptions to kinds of meeting, country slugs to countries).
"""

"""The extraction run: ingest -> segment -> tag -> classify -> normalise -> write."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language

from pipeline import __version__
from pipeline.classify.items import ItemClassifier
from pipeline.ingest import IngestError, SourceDocument, read_document
from pipeline.normalise.entities import to_entities
from pipeline.normalise.grouping import group
from pipeline.records import DocumentRecord, Heading, Item, Provenance
from pipeline.segment import Structure, segment
from pipeline.tag.mentions import Mention
from pipeline.tag.nlp import Backbone, build_nlp

TITLE_LINES = 3
# Documents per forward pass of the statistical model. Minutes are long (about 550 words):
# 4 at a time ran about 7 % faster than 16 or 256 on the bench corpus (smaller activations
# stay in the CPU cache); 1 was slower again. The entities do not depend on it.
NLP_BATCH_SIZE = 4


@dataclass(frozen=True)
class Outcome:
    path: Path
    record: DocumentRecord | None
    error: str | None


class Extractor:
    """Holds the loaded pipeline; turns source documents into records."""

    def __init__(self, backbone: str = "auto") -> None:
        self.nlp: Language
        self.nlp, self.backbone = build_nlp(backbone)
        self.item_classifier = ItemClassifier()
        self.provenance = _provenance(self.backbone, self.item_classifier.name)

    def record_for(self, source: SourceDocument) -> DocumentRecord:
        return next(iter(self.records_for([source])))

    def records_for(self, sources: Iterable[SourceDocument]) -> Iterator[DocumentRecord]:
        sources = list(sources)
        structures = [segment(source.text) for source in sources]
        # All items of the batch in one classifier call.
        categories = self.item_classifier.classify_many(
            [
                (structure.items, source.text)
                for source, structure in zip(sources, structures, strict=True)
            ]
        )
        docs = self.nlp.pipe((source.text for source in sources), batch_size=NLP_BATCH_SIZE)
        for source, structure, doc, item_categories in zip(
            sources, structures, docs, categories, strict=True
        ):
            yield self._build_record(source, structure, doc._.mentions or [], item_categories)

    def _build_record(
        self,
        source: SourceDocument,
        structure: Structure,
        mentions: list[Mention],
        categories: list[tuple[str, float, str]],
    ) -> DocumentRecord:
        text = source.text
        items = [
            Item(
                start=item.start,
                end=item.end,
                text=text[item.start : item.end],
                category=category,
                heading=item.heading.text if item.heading else None,
                section_path=list(item.section_path),
                marker=item.marker,
                depth=item.depth,
                source=item_source,
                confidence=confidence,
            )
            for item, (category, confidence, item_source) in zip(
                structure.items, categories, strict=True
            )
        ]
        headings = [
            Heading(start=h.start, end=h.end, text=text[h.start : h.end], level=h.level)
            for h in structure.headings
        ]
        entities = to_entities(text, mentions)
        groups = group(text, entities, _title(structure))
        entities = [
            e.model_copy(update={"group": groups.entity_groups.get((e.start, e.end))})
            for e in entities
        ]
        record = DocumentRecord(
            doc=source.name,
            text_sha256=source.sha256,
            source_path=str(source.path),
            encoding=source.encoding,
            source_text=text if source.converted else None,
            n_chars=len(text),
            entities=entities,
            items=items,
            headings=headings,
            people=groups.people,
            organisations=groups.organisations,
            meeting=groups.meeting,
            bundeslaender=groups.states,
            merge_log=groups.merge_log,
            provenance=self.provenance,
        )
        record.check_offsets(text)
        return record

    def extract_path(self, path: Path) -> Outcome:
        try:
            source = read_document(path)
        except IngestError as err:
            return Outcome(path, None, str(err))
        return Outcome(path, self.record_for(source), None)


def _title(structure: Structure) -> str | None:
    """The document's title: a heading among its first lines, else a short first line."""
    opening = [line for line in structure.lines if not line.is_blank][:TITLE_LINES]
    starts = {line.start for line in opening}
    heading = next((h for h in structure.headings if h.start in starts), None)
    if heading is not None:
        return heading.text
    first = opening[0].stripped if opening else ""
    return first if first and len(first) <= 120 and not first.endswith(".") else None


def _provenance(backbone: Backbone, item_classifier: str) -> Provenance:
    return Provenance(
        pipeline_version=__version__,
        backbone=backbone.kind,
        ner_model=backbone.ner_model,
        item_classifier=item_classifier,
    )

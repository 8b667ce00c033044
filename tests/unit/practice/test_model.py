import json

import pytest
import sklearn
from sklearn.feature_extraction.text import TfidfVectorizer

from app.practice.scoring import TextModel, evaluate, fit
from app.practice.scoring.model import NGRAMS, split


def test_model_beats_length_only_baseline_on_held_out_trainer_ratings(examples):
    result = evaluate(examples)
    print(f"\nQWK model {result.kappa:.3f} vs length-only {result.baseline_kappa:.3f} "
          f"(train {result.n_train}, held out {result.n_test}, exact {result.exact:.2f})")
    assert result.n_test >= 60
    assert result.kappa > result.baseline_kappa
    assert result.kappa > 0.6


def test_split_holds_out_whole_contacts(examples):
    train, test = split(examples)
    assert {examples[i].contact["id"] for i in train}.isdisjoint(
        {examples[i].contact["id"] for i in test})


def test_parameters_round_trip_through_json_and_fitting_is_deterministic(examples):
    model = fit(examples)
    again = TextModel.from_params(json.loads(json.dumps(model.params)))
    texts = [e.text for e in examples[:20]]
    contacts = [e.contact for e in examples[:20]]
    assert again.predict(texts, contacts) == pytest.approx(model.predict(texts, contacts))
    assert fit(examples).version == model.version
    assert model.sklearn_version == sklearn.__version__


def test_stored_tfidf_matches_scikit_learn(examples):
    texts = [e.text for e in examples]
    reference = TfidfVectorizer(ngram_range=NGRAMS, sublinear_tf=True, min_df=2).fit(texts)
    model = fit(examples)
    ours = model.features(texts[:10], [e.contact for e in examples[:10]])
    assert ours[:, : len(model.vocabulary)].toarray() == pytest.approx(
        reference.transform(texts[:10]).toarray())


def test_malformed_parameters_are_refused(examples):
    params = dict(fit(examples[:40]).params)
    params["coef"] = params["coef"][:-1]
    with pytest.raises(ValueError, match="sizes"):
        TextModel.from_params(params)
    with pytest.raises(ValueError, match="malformed"):
        TextModel.from_params({"vocabulary": 3})

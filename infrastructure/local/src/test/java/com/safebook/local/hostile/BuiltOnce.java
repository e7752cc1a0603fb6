package com.safebook.local.hostile;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCases;
import net.jqwik.api.ExhaustiveGenerator;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

/**
 * An arbitrary that jqwik knows by identity. jqwik looks a generator up in its memo by the
 * arbitrary's hash code, on every try, and the combinators compute that hash over their whole tree:
 * for the hostile requests' deep trees, that lookup took a third of the suite's time (JFR, issue 9).
 * Wrapping a tree here makes the lookup one identity hash; what it generates is the tree's own. A
 * choice ({@link #frequencyOf}, {@link #oneOf}) looks its chosen arbitrary up on every try, so its
 * choices are wrapped too.
 */
final class BuiltOnce<T> implements Arbitrary<T> {
    private final Arbitrary<T> tree;

    private BuiltOnce(Arbitrary<T> tree) {
        this.tree = tree;
    }

    @SuppressWarnings("unchecked") // an arbitrary of a subtype generates values of T, and takes none
    static <T> Arbitrary<T> of(Arbitrary<? extends T> tree) {
        return tree instanceof BuiltOnce<?> ? (Arbitrary<T>) tree : new BuiltOnce<>((Arbitrary<T>) tree);
    }

    /** {@link Arbitraries#frequencyOf}, each choice and the whole known by identity. */
    @SafeVarargs
    static <T> Arbitrary<T> frequencyOf(Tuple2<Integer, Arbitrary<? extends T>>... choices) {
        var wrapped = new ArrayList<Tuple2<Integer, Arbitrary<T>>>(choices.length);
        for (var choice : choices) {
            wrapped.add(Tuple.of(choice.get1(), of(choice.get2())));
        }
        return of(Arbitraries.frequencyOf(wrapped));
    }

    /** {@link Arbitraries#oneOf}, each choice and the whole known by identity. */
    @SafeVarargs
    static <T> Arbitrary<T> oneOf(Arbitrary<? extends T> first, Arbitrary<? extends T>... rest) {
        var wrapped = new ArrayList<Arbitrary<T>>(rest.length + 1);
        wrapped.add(of(first));
        for (var choice : rest) {
            wrapped.add(of(choice));
        }
        return oneOf(wrapped);
    }

    /** {@link Arbitraries#oneOf}, each choice and the whole known by identity. */
    static <T> Arbitrary<T> oneOf(Collection<? extends Arbitrary<? extends T>> choices) {
        List<Arbitrary<T>> wrapped = choices.stream().map(BuiltOnce::<T>of).toList();
        return of(Arbitraries.oneOf(wrapped));
    }

    @Override
    public RandomGenerator<T> generator(int genSize) {
        return tree.generator(genSize);
    }

    @Override
    public RandomGenerator<T> generatorWithEmbeddedEdgeCases(int genSize) {
        return tree.generatorWithEmbeddedEdgeCases(genSize);
    }

    @Override
    public Optional<ExhaustiveGenerator<T>> exhaustive(long maxNumberOfSamples) {
        return tree.exhaustive(maxNumberOfSamples);
    }

    @Override
    public EdgeCases<T> edgeCases(int maxEdgeCases) {
        return tree.edgeCases(maxEdgeCases);
    }
}

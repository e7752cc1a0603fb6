package com.safebook.microbench;

import com.safebook.core.availability.GetAvailability;
import com.safebook.core.availability.Schedule;
import com.safebook.core.availability.Slot;
import com.safebook.core.catalog.Service;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The computation of {@link GetAvailability} without its two reads: the slots a service offers over
 * a day, a week or the longest range the API allows, less those whose granules are booked. The
 * taken granules are a set, as the DynamoDB adapter returns them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AvailabilityBenchmark {
    /** 1: a day; 7: a week (the booking page's view); 31: {@link GetAvailability#MAX_DAYS}. */
    @Param({"1", "7", "31"})
    public int days;

    Service service;
    LocalDate from;
    LocalDate to;
    Set<Instant> taken;

    @Setup
    public void bookHalfTheHours() {
        service = Practice.followUp();
        from = Practice.MONDAY;
        to = from.plusDays(days - 1L);
        taken = Practice.takenGranules(service, from, to);
    }

    @Benchmark
    public List<Slot> freeSlots() {
        return Schedule.free(Schedule.offered(service, from, to), taken, Practice.NOW);
    }
}

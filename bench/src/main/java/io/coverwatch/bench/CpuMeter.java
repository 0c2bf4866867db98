package io.coverwatch.bench;

import io.coverwatch.localinfra.LocalInfra;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * CPU seconds used so far by the Coverwatch services, the broker, PostgreSQL, this JVM (the load generators and the
 * ceilings) and the whole machine. The machine is shared, so each run shows how much of it others took while it
 * measured.
 */
final class CpuMeter {

    private static final String SERVICE_JAR = "quarkus-run.jar";

    private final long brokerPid;
    private final long postgresPid;

    CpuMeter(LocalInfra infra) {
        this.brokerPid = infra.kafka().process().pid();
        this.postgresPid = infra.postgres().serverPid();
    }

    /** CPU seconds, cumulative; subtract two samples for a window. */
    record Sample(double services, double broker, double database, double bench, double machine) {

        Sample minus(Sample earlier) {
            return new Sample(
                    services - earlier.services,
                    broker - earlier.broker,
                    database - earlier.database,
                    bench - earlier.bench,
                    machine - earlier.machine);
        }

        double others() {
            return Math.max(0, machine - services - broker - database - bench);
        }

        /** The window's use in cores, into a report under names that start with {@code prefix}. */
        void reportAs(Report report, String prefix, double seconds) {
            report.put(prefix + "coresUsedByServices", cores(services, seconds));
            report.put(prefix + "coresUsedByBroker", cores(broker, seconds));
            report.put(prefix + "coresUsedByDatabase", cores(database, seconds));
            report.put(prefix + "coresUsedByBench", cores(bench, seconds));
            report.put(prefix + "coresUsedByOtherProcesses", cores(others(), seconds));
        }

        private static double cores(double cpuSeconds, double seconds) {
            return Math.round(cpuSeconds / seconds * 100) / 100.0;
        }
    }

    Sample sample() throws Exception {
        return new Sample(
                ProcessHandle.current()
                        .descendants()
                        .filter(process -> process.info()
                                .commandLine()
                                .filter(command -> command.contains(SERVICE_JAR))
                                .isPresent())
                        .mapToDouble(CpuMeter::seconds)
                        .sum(),
                ProcessHandle.of(brokerPid).map(CpuMeter::seconds).orElse(0.0),
                ProcessHandle.of(postgresPid)
                        .map(server -> Stream.concat(Stream.of(server), server.descendants())
                                .mapToDouble(CpuMeter::seconds)
                                .sum())
                        .orElse(0.0),
                seconds(ProcessHandle.current()),
                machineBusy());
    }

    /** Busy CPU seconds of all cores since boot, from the first line of /proc/stat (Linux). */
    private static double machineBusy() throws Exception {
        String[] ticks = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long busy = 0;
        for (int column = 1; column < Math.min(ticks.length, 9); column++) {
            if (column != 4 && column != 5) { // idle and iowait
                busy += Long.parseLong(ticks[column]);
            }
        }
        return busy / 100.0; // USER_HZ
    }

    private static double seconds(ProcessHandle process) {
        return process.info().totalCpuDuration().orElse(Duration.ZERO).toNanos() / 1e9;
    }
}

package dev.baton.runtime.internal.exec;

import dev.baton.runtime.RunContext;
import dev.baton.runtime.ToolArguments;
import dev.baton.runtime.ToolInvoker;
import dev.baton.runtime.model.Model;
import dev.baton.runtime.model.ModelListener;
import dev.baton.runtime.model.ModelRequest;
import dev.baton.runtime.model.ModelResponse;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The default {@link Exec}: one virtual thread per piece of work, cancellation by interrupt, the
 * system clocks, and direct model and tool calls. Stateless and thread-safe.
 */
public final class VirtualThreadExec implements Exec {
  /** The one instance. */
  public static final VirtualThreadExec INSTANCE = new VirtualThreadExec();

  private VirtualThreadExec() {}

  @Override
  public Task start(String name, Runnable work) {
    return new ThreadTask(Thread.ofVirtual().name(name).start(work));
  }

  @Override
  public Task current() {
    return new ThreadTask(Thread.currentThread());
  }

  @Override
  public Latch latch(int count) {
    CountDownLatch latch = new CountDownLatch(count);
    return new Latch() {
      @Override
      public void countDown() {
        latch.countDown();
      }

      @Override
      public boolean await(long deadlineNanos) throws InterruptedException {
        if (deadlineNanos == Long.MAX_VALUE) {
          latch.await();
          return true;
        }
        return latch.await(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
      }
    };
  }

  @Override
  public Permits permits(int count) {
    Semaphore semaphore = new Semaphore(count);
    return new Permits() {
      @Override
      public boolean acquire(long deadlineNanos) throws InterruptedException {
        if (deadlineNanos == Long.MAX_VALUE) {
          semaphore.acquire();
          return true;
        }
        return semaphore.tryAcquire(Math.max(0, deadlineNanos - System.nanoTime()),
            TimeUnit.NANOSECONDS);
      }

      @Override
      public void release() {
        semaphore.release();
      }
    };
  }

  @Override
  public long nanoTime() {
    return System.nanoTime();
  }

  @Override
  public Instant now() {
    return Instant.now();
  }

  @Override
  public String newRunId() {
    // Unique, not secret: a secure random source would cost a run more than the rest of a step.
    return "run-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
  }

  @Override
  public String remember(String key, String value) {
    return value;
  }

  @Override
  public boolean cancelled() {
    return Thread.currentThread().isInterrupted();
  }

  @Override
  public void keepCancelled() {
    Thread.currentThread().interrupt();
  }

  @Override
  public void clearCancelled() {
    Thread.interrupted();
  }

  @Override
  public ModelResponse callModel(String step, Model model, ModelRequest request,
      ModelListener listener) throws InterruptedException {
    return model.respond(request, listener);
  }

  @Override
  public Object invokeTool(String step, String owner, ToolInvoker invoker, String tool,
      ToolArguments arguments, RunContext context) throws Exception {
    return invoker.invoke(tool, arguments, context);
  }

  @Override
  public String toString() {
    return "VirtualThreadExec";
  }

  private record ThreadTask(Thread thread) implements Task {
    @Override
    public void cancel() {
      thread.interrupt();
    }

    @Override
    public void join() {
      if (thread == Thread.currentThread()) {
        return;
      }
      boolean interrupted = false;
      while (true) {
        try {
          thread.join();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public void joinCancellably() throws InterruptedException {
      thread.join();
    }

    @Override
    public boolean isDone() {
      return !thread.isAlive();
    }
  }
}

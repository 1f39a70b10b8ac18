package com.example;

import dev.baton.runtime.RunEvents;
import dev.baton.runtime.RunOptions;
import dev.baton.runtime.model.Model;
import dev.baton.runtime.model.Models;
import dev.baton.runtime.model.ScriptedModel;

public class Main {
  public static void main(String[] args) {
    // A real model when OPENAI_API_KEY or OPENAI_BASE_URL is set; else this script plays its part.
    Model model = Models.fromEnvOr(ScriptedModel.builder()
        .agent("desk", s -> s
            .handoff("billing", """
                {"question": "Why was order A-17 charged twice?"}""")
            .reply("You were charged twice by mistake; the second charge is refunded."))
        .agent("billing", s -> s
            .reply("A-17 has two identical charges; the second one is now refunded."))
        .build());

    Desk desk = DeskRunner.builder()
        .model(model)
        .options(RunOptions.builder().listener(RunEvents.printer(System.out)).build())
        .build();
    System.out.println(desk.desk("Why was I charged twice for order A-17?"));
  }
}

import { describe, expect, it } from "vitest";
import { seatsInWords } from "./seats-words";

describe("seats in words", () => {
  it("says how many seats are left, one and many", () => {
    expect(seatsInWords({ capacity: 8, seatsTaken: 5, registration: "session" })).toBe("3 places restantes");
    expect(seatsInWords({ capacity: 8, seatsTaken: 7, registration: "cycle" })).toBe("1 place restante");
    expect(seatsInWords({ capacity: 1000, seatsTaken: 0, registration: "session" })).toBe("1\u202f000 places restantes");
  });

  it("says full, with the waiting list unless the series takes none", () => {
    expect(seatsInWords({ capacity: 8, seatsTaken: 8, registration: "session" })).toBe("Complet — liste d'attente");
    expect(seatsInWords({ capacity: 8, seatsTaken: 8, registration: "session", waitingList: false })).toBe("Complet");
    // More taken than seats (a capacity lowered by hand): still full, never a negative count.
    expect(seatsInWords({ capacity: 4, seatsTaken: 6, registration: "session" })).toBe("Complet — liste d'attente");
  });

  it("says unlimited without a capacity, and no registration whatever the capacity", () => {
    expect(seatsInWords({ capacity: null, seatsTaken: 12, registration: "session" })).toBe("Places illimitées");
    expect(seatsInWords({ capacity: null, seatsTaken: 0, registration: "none" })).toBe("Sans inscription");
    expect(seatsInWords({ capacity: 10, seatsTaken: 10, registration: "none" })).toBe("Sans inscription");
  });
});
